"""Item 14: neither the answers nor their timing tell whether an address has an account, and
nobody can lock a known account out by failing on purpose."""
from __future__ import annotations

import hashlib

from sqlalchemy import select

from vae.models import OutboxMessage


def _user(email="owner@example.org"):
    """Made inside the limited app (the `make_user` fixture would build a second app, rate limits off)."""
    from vae.auth.operations import create_user
    from vae.extensions import db

    user = create_user(email=email, first_name="Ann", last_name="Lee", roles=["candidate"],
                       password="correct horse battery")
    db.session.commit()
    return user


def _login(client, email, password="wrong guess", address="203.0.113.7"):
    return client.post("/auth/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_failing_on_an_existing_and_an_unknown_address_looks_the_same(limited_app):
    limited_app.config.update(RATELIMIT_LOGIN="100 per minute", RATELIMIT_LOGIN_FAILURES="5 per 15 minutes")
    user = _user()
    client = limited_app.test_client()
    known = [_login(client, user.email).status_code for _ in range(7)]
    unknown = [_login(client, "nobody-here@example.org").status_code for _ in range(7)]
    assert known == unknown == [400] * 5 + [429] * 2


def test_an_attacker_elsewhere_cannot_lock_the_owner_out(limited_app):
    limited_app.config.update(RATELIMIT_LOGIN="100 per minute", RATELIMIT_LOGIN_FAILURES="5 per 15 minutes")
    user = _user()
    attacker, owner = limited_app.test_client(), limited_app.test_client()
    for _ in range(8):
        _login(attacker, user.email, address="198.51.100.66")
    assert _login(attacker, user.email, "correct horse battery", address="198.51.100.66").status_code == 429
    assert _login(owner, user.email, "correct horse battery", address="192.0.2.10").status_code == 302


def test_a_successful_sign_in_is_not_counted(limited_app):
    limited_app.config.update(RATELIMIT_LOGIN="100 per minute", RATELIMIT_LOGIN_FAILURES="2 per 15 minutes")
    user = _user()
    for _ in range(4):
        client = limited_app.test_client()
        assert _login(client, user.email, "correct horse battery").status_code == 302


def _sign_up(client, email):
    return client.post("/signup", data={
        "email": email, "first_name": "Ann", "last_name": "Lee", "phone": "", "locale": "fr",
        "password": "un mot de passe solide 42", "confirm": "un mot de passe solide 42"})


def _hashing_work(monkeypatch, action) -> int:
    """PBKDF2 iterations the server computed while answering: the work an attacker's stopwatch sees.

    Counted, not timed, so that the comparison holds on a busy machine (the real hash still runs)."""
    iterations = []
    real = hashlib.pbkdf2_hmac

    def counting(name, password, salt, rounds, *args, **kwargs):
        iterations.append(rounds)
        return real(name, password, salt, rounds, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(hashlib, "pbkdf2_hmac", counting)
        action()
    return sum(iterations)


def test_sign_up_answers_the_same_way_and_does_the_same_work_for_a_taken_address(app, client, db, make_user,
                                                                                  monkeypatch):
    app.config["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:200000"  # a real hashing cost, as in production
    taken = make_user("candidate", email="taken@example.org")
    new = _hashing_work(monkeypatch, lambda: _sign_up(app.test_client(), "new@example.org"))
    existing = _hashing_work(monkeypatch, lambda: _sign_up(app.test_client(), "taken@example.org"))
    assert new >= 200000 and existing == new, f"taken address: {existing} iterations, a new one: {new}"

    first, second = _sign_up(app.test_client(), "new-again@example.org"), _sign_up(app.test_client(), taken.email)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    # The owner of the taken address learns of it (and how to get back in); no second account.
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_address == taken.email))
    assert mail is not None and "/auth/password/reset/" in mail.body_text


def test_login_does_the_same_work_for_an_unknown_address(app, client, make_user, monkeypatch):
    app.config["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:200000"
    user = make_user("candidate")
    user.set_password("correct horse battery", method="pbkdf2:sha256:200000")
    from vae.extensions import db

    db.session.commit()
    known = _hashing_work(monkeypatch, lambda: _login(app.test_client(), user.email))
    unknown = _hashing_work(monkeypatch, lambda: _login(app.test_client(), "nobody-here@example.org"))
    assert known >= 200000 and unknown == known, f"unknown address: {unknown} iterations, a known one: {known}"
