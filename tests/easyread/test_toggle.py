"""The easy-read switch: a POST form with CSRF on every page, remembered on the account or in a cookie."""
from __future__ import annotations

import re

NEXT = "Ce que vous devez faire maintenant :"


def test_a_visitor_switches_it_on_and_off_and_a_cookie_remembers(client):
    assert NEXT not in client.get("/").get_data(as_text=True)
    response = client.post("/easy-read", data={"easy_read": "on", "next": "/catalog/"})
    assert response.status_code == 302 and response.headers["Location"] == "/catalog/"
    cookie = client.get_cookie("easy_read")
    assert cookie.value == "1" and cookie.http_only
    for url in ("/", "/catalog/", "/auth/login", "/signup"):
        html = client.get(url).get_data(as_text=True)
        assert NEXT in html and "Créez votre compte pour commencer votre demande." in html, url
        assert "Texte habituel" in html
    client.post("/easy-read", data={"easy_read": "off", "next": "/"})
    assert client.get_cookie("easy_read").value == "0"
    html = client.get("/").get_data(as_text=True)
    assert NEXT not in html and "Facile à lire" in html


def test_a_candidate_keeps_it_on_their_account_in_a_new_session(app, db, client, login_as, case_at):
    from vae.models import User

    case = case_at("documenting")
    login_as(case.candidate)
    client.post("/easy-read", data={"easy_read": "on", "next": f"/cases/{case.id}"})
    assert client.get_cookie("easy_read") is None  # kept on the account, not in the browser
    db.session.expire_all()
    assert db.session.get(User, case.candidate.id).easy_read is True

    other_browser = app.test_client()  # another device: nothing but the sign-in
    with other_browser.session_transaction() as session:
        session["_user_id"] = case.candidate.get_id()
        session["_fresh"] = True
    assert NEXT in other_browser.get(f"/cases/{case.id}").get_data(as_text=True)
    other_browser.post("/easy-read", data={"easy_read": "off", "next": "/home"})
    db.session.expire_all()
    assert db.session.get(User, case.candidate.id).easy_read is False
    assert NEXT not in client.get(f"/cases/{case.id}").get_data(as_text=True)


def test_the_switch_refuses_a_request_without_its_csrf_token_or_with_a_wrong_value(app, client, login_as, db):
    from vae.models import User

    user = login_as("candidate")
    assert client.post("/easy-read", data={"easy_read": "maybe"}).status_code == 400
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post("/easy-read", data={"easy_read": "on"}).status_code == 400
        page = client.get("/home").get_data(as_text=True)
        token = re.search(r'action="/easy-read">\s*<input type="hidden" name="csrf_token" value="([^"]+)"', page).group(1)
        assert client.post("/easy-read", data={"easy_read": "on", "csrf_token": token}).status_code == 302
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    db.session.expire_all()
    assert db.session.get(User, user.id).easy_read is True


def test_the_switch_goes_back_only_to_a_page_of_this_site(client):
    response = client.post("/easy-read", data={"easy_read": "on", "next": "https://evil.example/"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
