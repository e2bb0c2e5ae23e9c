"""What the deployment publishes for verifiers, and how it answers browsers and curl."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from vae.certification.vc import jsonld_loader
from vae.models import Certificate


@pytest.fixture
def issued(db, client, login_as, titles, case_factory, jury_validates):
    session = jury_validates(case_factory(block_codes=["RNCP37780BC01"]))
    login_as(jury_validates.admin)
    client.post(f"/admin/certification/sessions/{session.id}/issue")
    client.post("/auth/logout")
    return db.session.scalar(select(Certificate).where(Certificate.kind == "block"))


def test_the_project_context_is_served_where_credentials_name_it(issued, client):
    credential = json.loads(issued.credential_json)
    url = credential["@context"][2]
    assert url == "http://localhost/ns/vae-v1.jsonld"
    response = client.get("/ns/vae-v1.jsonld")
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    # The bytes the signature was computed with are the bytes served.
    assert json.loads(response.data) == jsonld_loader.load_context(url)
    assert client.get("/ns/vae-v2.jsonld").status_code == 404  # not published: no guessing


def test_a_configured_context_base_names_the_context_there(app, issued):
    app.config["CONTEXT_BASE_URL"] = "https://contexts.certifier.fr/vae"
    from vae.certification.signing import project_context

    assert project_context() == "https://contexts.certifier.fr/vae/vae-v1.jsonld"


@pytest.mark.parametrize("headers, expected", [
    ({}, "text/html"),  # curl without -H
    ({"Accept": "*/*"}, "text/html"),  # curl's default
    ({"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}, "text/html"),
    ({"Accept": "application/vc+ld+json"}, "application/vc+ld+json"),
    ({"Accept": "application/ld+json, */*;q=0.1"}, "application/vc+ld+json"),
])
def test_the_public_link_gives_the_page_unless_json_is_asked_for(issued, client, headers, expected):
    response = client.get(f"/c/{issued.public_id}", headers=headers)
    assert response.status_code == 200
    assert response.mimetype == expected


def test_the_json_suffix_always_gives_the_credential(issued, client):
    response = client.get(f"/c/{issued.public_id}.json")
    assert response.mimetype == "application/vc+ld+json"
    assert response.get_json()["proof"]["cryptosuite"] == "eddsa-rdfc-2022"


def test_did_web_with_a_port_and_with_a_path(app):
    from vae.certification import signing

    app.config["PUBLIC_BASE_URL"] = "http://127.0.0.1:5000"
    assert signing.issuer_did() == "did:web:127.0.0.1%3A5000"
    app.config["PUBLIC_BASE_URL"] = "https://certif.example.fr/vae/"
    assert signing.issuer_did() == "did:web:certif.example.fr:vae"


@pytest.mark.parametrize("url", ["http://127.0.0.1:5000", "https://localhost", "https://vae.example",
                                 "http://certifier.fr", "https://[::1]:8443"])
def test_production_refuses_to_issue_with_a_loopback_or_placeholder_address(app, db, client, login_as, titles,
                                                                           case_factory, jury_validates, runner,
                                                                           url):
    app.config.update(DEPLOYMENT="production", PUBLIC_BASE_URL=url)
    session = jury_validates(case_factory(block_codes=["RNCP37780BC01"]))
    login_as(jury_validates.admin)
    page = client.post(f"/admin/certification/sessions/{session.id}/issue", follow_redirects=True)
    assert "PUBLIC_BASE_URL" in page.get_data(as_text=True)
    assert db.session.scalar(select(Certificate).where(Certificate.kind == "block")) is None
    result = runner.invoke(args=["vae", "check-issuer"])
    assert result.exit_code == 1 and "PUBLIC_BASE_URL" in result.output


def test_production_issues_with_a_public_https_address(app, runner):
    app.config.update(DEPLOYMENT="production", PUBLIC_BASE_URL="https://vae.iperia.eu")
    result = runner.invoke(args=["vae", "check-issuer"])
    assert result.exit_code == 0, result.output
    assert "did:web:vae.iperia.eu" in result.output


def test_startup_says_when_production_will_refuse_to_issue(tmp_path, caplog):
    from vae import create_app

    with caplog.at_level("ERROR"):
        create_app("test", DEPLOYMENT="production", PUBLIC_BASE_URL="http://127.0.0.1:5000",
                   SQLALCHEMY_DATABASE_URI="sqlite://", INSTANCE_DIR=str(tmp_path))
    assert any("PUBLIC_BASE_URL" in r.getMessage() and "not be issued" in r.getMessage() for r in caplog.records)
