"""Rate limits, growing delay after failures, password rules, logout everywhere."""
from __future__ import annotations

from vae.auth.passwords import password_problem
from vae.models import AuditEvent, User


def _login(client, email, password):
    return client.post("/auth/login", data={"email": email, "password": password})


def test_login_is_rate_limited_per_address(limited_app):
    limited_app.config["RATELIMIT_LOGIN"] = "3 per minute"
    client = limited_app.test_client()
    for _ in range(3):
        assert _login(client, "nobody@example.org", "wrong password").status_code in (200, 400)
    refused = _login(client, "nobody@example.org", "wrong password")
    assert refused.status_code == 429
    assert "Trop de tentatives" in refused.get_data(as_text=True) or "Too many" in refused.get_data(as_text=True)


def test_password_reset_requests_are_rate_limited(limited_app):
    limited_app.config["RATELIMIT_RESET"] = "2 per minute"
    client = limited_app.test_client()
    for _ in range(2):
        client.post("/auth/password/forgot", data={"email": "a@example.org"})
    assert client.post("/auth/password/forgot", data={"email": "a@example.org"}).status_code == 429


def test_failed_sign_ins_are_journalled_and_do_not_lock_the_owner_out(app, db, client, make_user):
    """No per-account lock an attacker could trigger (item 14): the limiter waits per (address, client)."""
    user = make_user("candidate", password="correct horse battery")
    for _ in range(4):
        _login(client, user.email, "wrong guess")
    assert _login(client, user.email, "correct horse battery").status_code == 302
    assert db.session.get(User, user.id).failed_logins == 0
    failures = db.session.query(AuditEvent).filter_by(event="login_failed", subject_id=user.id).count()
    assert failures == 4


def test_password_rules_refuse_short_common_and_monotonous_passwords():
    assert password_problem("short") is not None
    assert password_problem("password123") is not None  # in the shipped list
    assert password_problem("aaaaaaaaaaaa") is not None
    assert password_problem("Le chat de Mme Dupont dort") is None


def test_login_starts_a_new_session(client, make_user):
    user = make_user("candidate")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    assert _login(client, user.email, "correct horse battery").status_code == 302
    with client.session_transaction() as session:
        assert "planted" not in session


def test_logout_everywhere_ends_every_other_session(app, db, make_user):
    user = make_user("candidate")
    phone, laptop = app.test_client(), app.test_client()
    for device in (phone, laptop):
        assert _login(device, user.email, "correct horse battery").status_code == 302
        assert device.get("/home").status_code == 200
    assert phone.post("/security/logout-everywhere").status_code == 302
    assert laptop.get("/home").status_code == 302  # sent back to the login page
    assert phone.get("/home").status_code == 302
