"""Item 1: links in mails come from PUBLIC_BASE_URL, never from the request's Host header;
a deployment refuses requests addressed to a host it does not serve."""
from __future__ import annotations

import pytest

from config import trusted_hosts_for
from vae.models import OutboxMessage

HOSTILE_HOSTS = ["evil.example", "evil.example:80", "localhost.evil.example", "localhost@evil.example",
                 "evil.example\r\nX-Injected: 1"]


def _mails(db):
    return list(db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)))


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8080"])
def test_a_reset_link_points_to_the_public_address_whatever_the_host_header(client, db, make_user, host):
    make_user("candidate", email="victim@example.org")
    db.session.commit()
    response = client.post("/auth/password/forgot", data={"email": "victim@example.org"},
                           headers={"Host": host})
    assert response.status_code == 302
    [mail] = _mails(db)
    assert "evil.example" not in mail.body_text and "evil.example" not in mail.body_html
    assert "http://localhost/auth/password/reset/" in mail.body_text


def test_a_sign_up_confirmation_link_points_to_the_public_address(app, db, make_user):
    from vae.auth.account import sign_up

    with app.test_request_context("/signup", headers={"Host": "evil.example"}):
        sign_up(email="new@example.org", first_name="Ann", last_name="Lee", phone=None, locale="fr",
                password="correct horse battery staple")
    [mail] = _mails(db)
    assert "evil.example" not in mail.body_text
    assert "http://localhost/" in mail.body_text


def test_an_invitation_link_points_to_the_public_address(app, db):
    from vae.auth.operations import create_user

    with app.test_request_context("/admin/users", headers={"Host": "evil.example"}):
        create_user(email="staff@example.org", first_name="A", last_name="B", roles=["mentor"], invite=True)
    [mail] = _mails(db)
    assert "evil.example" not in mail.body_text and "http://localhost/auth/password/reset/" in mail.body_text


def test_production_trusts_only_the_public_host():
    assert trusted_hosts_for("https://vae.example.org", "") == ["vae.example.org"]
    assert trusted_hosts_for("https://vae.example.org:8443/app", "admin.example.org, ") == [
        "vae.example.org", "admin.example.org"]


@pytest.fixture
def production_like_client(app):
    app.config["TRUSTED_HOSTS"] = trusted_hosts_for("http://localhost", "")
    return app.test_client()


@pytest.mark.parametrize("host", HOSTILE_HOSTS)
def test_a_request_for_another_host_is_refused(production_like_client, db, make_user, host):
    make_user("candidate", email="victim@example.org")
    db.session.commit()
    response = production_like_client.post("/auth/password/forgot", data={"email": "victim@example.org"},
                                           environ_overrides={"HTTP_HOST": host})
    assert response.status_code == 400
    assert _mails(db) == []


@pytest.mark.parametrize("host", ["localhost", "localhost:5000"])
def test_the_public_host_is_served(production_like_client, host):
    assert production_like_client.get("/auth/login", headers={"Host": host}).status_code == 200


def test_every_page_refuses_a_foreign_host(app, production_like_client):
    """The class, not the case: every GET route without arguments answers 400 to a Host it does not serve."""
    paths = sorted({rule.rule for rule in app.url_map.iter_rules()
                    if "GET" in rule.methods and not rule.arguments})
    assert len(paths) > 10
    for path in paths:
        for host in ("evil.example", "localhost.evil.example", "evil.example:80"):
            response = production_like_client.get(path, environ_overrides={"HTTP_HOST": host})
            assert response.status_code == 400, f"{path} with Host {host}: {response.status_code}"
        assert production_like_client.get(path).status_code != 400, path
