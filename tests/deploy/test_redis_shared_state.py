"""With REDIS_URL, app servers share their rate limits and the session revocation list.

Two real gunicorn servers and a real redis-server started by the tests; without Redis each
server would count on its own, and a server reading a lagging database copy would still
accept a session logged out everywhere on the other.
"""
from __future__ import annotations

import copy

from tests.conftest import fresh_database
from tests.deploy.servers import Browser, gunicorn

PASSWORD = "correct horse battery"
NONCE = "the-nonce-both-databases-hold"


def _person_in(database_url: str, instance) -> None:
    """The same account (id, password, session nonce) in a database, as a replica would hold it."""
    from vae import create_app
    from vae.auth.operations import create_user
    from vae.core.clock import now
    from vae.extensions import db

    app = create_app("production", SQLALCHEMY_DATABASE_URI=database_url, INSTANCE_DIR=str(instance),
                     SECRET_KEY="s" * 64)
    with app.app_context():
        user = create_user(email="marie@example.org", first_name="Marie", last_name="Curie", roles=("candidate",),
                           password=PASSWORD, locale="fr")
        user.email_confirmed_at = now()
        user.session_nonce = NONCE
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def _wrong_password(browser: Browser, base: str) -> int:
    token = browser.csrf(base + "/auth/login")
    status, _ = browser.request(base + "/auth/login", {"csrf_token": token, "email": "nobody@example.org",
                                                       "password": "wrong"})
    return status


def test_two_app_servers_share_one_login_limit(database_url, tmp_path, redis_url):
    limit = {"REDIS_URL": redis_url, "RATELIMIT_LOGIN": "3 per minute"}
    with gunicorn(database_url, tmp_path / "a", **limit) as a, gunicorn(database_url, tmp_path / "b", **limit) as b:
        browser = Browser()
        answers = [_wrong_password(browser, server) for server in (a, b, a, b)]
    # Three attempts in all are allowed, wherever they land; each server alone saw only two.
    assert answers == [400, 400, 400, 429]


def test_a_session_logged_out_everywhere_is_refused_by_a_server_reading_a_lagging_copy(
        template_database, pg_cluster, tmp_path, redis_url):
    with fresh_database(template_database, pg_cluster, tmp_path) as primary, \
            fresh_database(template_database, pg_cluster, tmp_path) as lagging:
        _person_in(primary, tmp_path / "setup-a")
        _person_in(lagging, tmp_path / "setup-b")  # the replica as it was before the logout
        shared = {"REDIS_URL": redis_url}
        with gunicorn(primary, tmp_path / "a", **shared) as a, gunicorn(lagging, tmp_path / "b", **shared) as b:
            browser = Browser()
            token = browser.csrf(a + "/auth/login")
            status, _ = browser.request(a + "/auth/login", {"csrf_token": token, "email": "marie@example.org",
                                                            "password": PASSWORD})
            assert status == 302
            assert browser.request(b + "/security/account")[0] == 200  # the other server knows the session
            stolen = copy.copy(browser.cookie("session"))  # the same cookie, kept on another device

            token = browser.csrf(a + "/security/account")
            assert browser.request(a + "/security/logout-everywhere", {"csrf_token": token})[0] == 302

            thief = Browser()
            thief.jar.set_cookie(stolen)
            status, _ = thief.request(b + "/security/account")
    assert status == 302  # sent to the login page: B refused it although its database still has the old nonce
