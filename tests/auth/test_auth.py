"""Accounts: login, logout, CSRF, cookie flags, password reset through the outbox."""
import re

from sqlalchemy import select

from vae.models import AuditEvent, OutboxMessage, User


def login(client, email, password):
    return client.post("/auth/login", data={"email": email, "password": password})


def test_login_reaches_the_home_page_and_logout_ends_the_session(client, make_user):
    user = make_user("candidate", first_name="Camille")
    response = login(client, user.email, "correct horse battery")
    assert response.status_code == 302 and response.headers["Location"].endswith("/home")
    assert "Bonjour Camille" in client.get("/home").get_data(as_text=True)
    client.post("/auth/logout")
    assert client.get("/home").status_code == 302


def test_wrong_password_is_refused_and_counted(client, make_user, db):
    user = make_user("candidate")
    response = login(client, user.email, "not the password")
    assert response.status_code == 400
    assert "Adresse e-mail ou mot de passe incorrect" in response.get_data(as_text=True)
    assert db.session.get(User, user.id).failed_logins == 1


def test_a_deactivated_account_cannot_log_in_and_is_logged_out(client, make_user, login_as, db):
    user = make_user("candidate")
    login_as(user)
    assert client.get("/home").status_code == 200
    user.active = False
    user.renew_session_nonce()
    db.session.commit()
    assert client.get("/home").status_code == 302
    assert login(client, user.email, "correct horse battery").status_code == 400


def test_forms_refuse_a_missing_csrf_token(app, client, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    user = make_user("candidate")
    response = login(client, user.email, "correct horse battery")
    assert response.status_code == 400
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/auth/login", data={"email": user.email, "password": "correct horse battery",
                                                "csrf_token": token})
    assert response.status_code == 302


def test_session_cookie_flags_come_from_config(app, client, make_user):
    app.config["SESSION_COOKIE_SECURE"] = True
    user = make_user("candidate")
    response = login(client, user.email, "correct horse battery")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=Lax" in cookie


def test_password_reset_by_emailed_token_works_once(client, make_user, db):
    user = make_user("candidate", email="camille@example.org")
    response = client.post("/auth/password/forgot", data={"email": "Camille@Example.org"})
    assert response.status_code == 302
    mail = db.session.scalars(select(OutboxMessage)).one()
    assert mail.to_address == "camille@example.org" and mail.locale == "fr"
    assert "mot de passe" in mail.subject.lower()
    link = re.search(r"(/auth/password/reset/\S+)", mail.body_text).group(1)

    response = client.post(link, data={"password": "a brand new secret", "confirm": "a brand new secret"})
    assert response.status_code == 302
    assert login(client, user.email, "a brand new secret").status_code == 302
    client.post("/auth/logout")
    reused = client.post(link, data={"password": "another secret 123", "confirm": "another secret 123"})
    assert reused.status_code == 302 and "forgot" in reused.headers["Location"]
    assert login(client, user.email, "a brand new secret").status_code == 302


def test_password_reset_does_not_reveal_who_has_an_account(client, db):
    response = client.post("/auth/password/forgot", data={"email": "nobody@example.org"}, follow_redirects=True)
    assert "Si un compte existe" in response.get_data(as_text=True)
    assert db.session.scalars(select(OutboxMessage)).all() == []


def test_a_weak_new_password_is_refused_with_a_message(client, make_user, db):
    user = make_user("candidate")
    client.post("/auth/password/forgot", data={"email": user.email})
    link = re.search(r"(/auth/password/reset/\S+)",
                     db.session.scalars(select(OutboxMessage)).one().body_text).group(1)
    response = client.post(link, data={"password": "short", "confirm": "short"})
    assert response.status_code == 400
    assert "au moins 10 caractères" in response.get_data(as_text=True)


def test_login_is_recorded_in_the_journal(client, make_user, db):
    user = make_user("candidate")
    login(client, user.email, "correct horse battery")
    events = db.session.scalars(select(AuditEvent.event).where(AuditEvent.subject_id == user.id,
                                                               AuditEvent.subject_type == "user")).all()
    assert "login" in events
