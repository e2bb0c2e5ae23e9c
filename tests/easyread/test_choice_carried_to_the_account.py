"""A visitor who chose easy-read French keeps it once signed in: the browser's choice becomes the
account's preference at log-in and at sign-up (it used to be lost at the door)."""
from __future__ import annotations

from sqlalchemy import select

from tests.easyread.test_toggle import NEXT
from vae.models import User


def _choose(client, choice: str) -> None:
    assert client.post("/easy-read", data={"easy_read": choice, "next": "/"}).status_code == 302


def _preference(db, email: str) -> bool:
    db.session.expire_all()
    return db.session.scalar(select(User.easy_read).where(User.email == email))


def test_a_visitor_who_chose_easy_read_keeps_it_after_logging_in(db, client, make_user):
    user = make_user("candidate")
    assert _preference(db, user.email) is False
    _choose(client, "on")
    response = client.post("/auth/login", data={"email": user.email, "password": "correct horse battery"})
    assert response.status_code == 302
    assert _preference(db, user.email) is True
    assert NEXT in client.get("/home", follow_redirects=True).get_data(as_text=True)


def test_a_visitor_who_switched_it_off_turns_it_off_on_the_account(db, client, make_user):
    user = make_user("candidate")
    user.easy_read = True
    db.session.commit()
    _choose(client, "off")
    client.post("/auth/login", data={"email": user.email, "password": "correct horse battery"})
    assert _preference(db, user.email) is False


def test_a_browser_that_never_chose_leaves_the_account_as_it_was(db, client, make_user):
    user = make_user("candidate")
    user.easy_read = True
    db.session.commit()
    client.post("/auth/login", data={"email": user.email, "password": "correct horse battery"})
    assert _preference(db, user.email) is True


def test_a_visitor_who_chose_easy_read_has_it_on_the_account_they_sign_up_for(db, client):
    _choose(client, "on")
    response = client.post("/signup", data={
        "email": "nouvelle@example.org", "first_name": "Awa", "last_name": "Diallo", "phone": "",
        "locale": "fr", "password": "un mot de passe solide 42", "confirm": "un mot de passe solide 42"})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _preference(db, "nouvelle@example.org") is True
