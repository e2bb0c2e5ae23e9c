"""Authentication, scopes, problem details, pagination, ETag/If-Match, idempotency, CSRF, rate limits."""
from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.api.conftest import Api
from vae.core.clock import now


def _problem(response, status):
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    assert response.content_type == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["type"].startswith("https://") and body["title"]
    return body


def test_the_description_is_openapi_3_1_and_names_a_scope_for_every_protected_operation(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "/api/v1"}]
    flows = document["components"]["securitySchemes"]["clientCredentials"]["flows"]
    assert flows["clientCredentials"]["tokenUrl"] == "/api/v1/oauth/token"
    for path, methods in document["paths"].items():
        for method, entry in methods.items():
            assert entry["responses"], (method, path)
            if entry["security"]:
                assert "401" in entry["responses"] and "403" in entry["responses"], (method, path)
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"/api/v1/cases/{case_id}" in docs.data
    # Works offline: no script or stylesheet from another origin (the site's own menu script is local).
    assert not re.search(rb'<(script|link)[^>]+(src|href)="(https?:)?//', docs.data)


def test_no_token_a_wrong_one_a_revoked_or_expired_one_answer_401(db, client, make_user, token_for):
    from vae.api.auth import revoke_token
    from vae.models import ApiToken

    user = make_user("candidate")
    assert _problem(client.get("/api/v1/titles"), 401)
    assert client.get("/api/v1/titles").headers["WWW-Authenticate"].startswith("Bearer")
    _problem(Api(client, "vae_pat_nope").get("/titles"), 401)
    _problem(client.get("/api/v1/titles", headers={"Authorization": "Basic Zm9vOmJhcg=="}), 401)
    clear = token_for(user)
    stored = db.session.scalar(select(ApiToken).where(ApiToken.user_id == user.id))
    assert stored.token_hash == hashlib.sha256(clear.encode()).hexdigest() and clear not in str(stored.__dict__)
    assert Api(client, clear).get("/titles").status_code == 200
    revoke_token(stored, user)
    db.session.commit()
    _problem(Api(client, clear).get("/titles"), 401)
    expired = token_for(user, expires_at=now() - timedelta(seconds=1))
    _problem(Api(client, expired).get("/titles"), 401)


def test_a_token_without_the_scope_gets_403_naming_it(db, client, make_user, titles, api_as):
    api = api_as(make_user("candidate"), scopes=["cases:read"])
    body = _problem(api.get("/titles"), 403)
    assert body["required_scope"] == "titles:read"


def test_titles_are_paginated_by_cursor_and_filtered(db, titles, make_user, api_as):
    api = api_as(make_user("candidate"), scopes=["titles:read"])
    seen, cursor = [], None
    while True:
        page = api.ok(api.get("/titles?limit=1" + (f"&cursor={cursor}" if cursor else "")))
        seen += [t["rncp_code"] for t in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(titles) and len(seen) == len(set(seen)) >= 2
    assert [t["rncp_code"] for t in api.ok(api.get("/titles?code=rncp37780"))["items"]] == ["RNCP37780"]
    assert api.ok(api.get("/titles?level=8"))["items"] == []
    word = titles["RNCP37780"].blocks[0].competences[0].label.split()[-1]
    assert "RNCP37780" in [t["rncp_code"] for t in api.ok(api.get(f"/titles?q={word}"))["items"]]
    assert _problem(api.get("/titles?cursor=garbage"), 422)["errors"]
    assert _problem(api.get("/titles?limit=1000"), 422)["errors"][0]["location"] == ["query", "limit"]


def test_others_cases_are_404_and_lists_show_only_ones_own(db, case_factory, make_user, api_as):
    mine, theirs = case_factory(), case_factory()
    api = api_as(mine.candidate)
    assert [c["id"] for c in api.ok(api.get("/cases"))["items"]] == [mine.id]
    _problem(api.get(f"/cases/{theirs.id}"), 404)
    _problem(api.get(f"/case-blocks/{theirs.blocks[0].id}"), 404)
    _problem(api.post(f"/cases/{theirs.id}/events/submit"), 404)
    assert {cb["id"] for cb in api.ok(api.get("/case-blocks"))["items"]} == {cb.id for cb in mine.blocks}


def test_a_refused_event_gives_every_reason_and_changes_nothing(db, case_factory, make_user, api_as):
    from vae.models import Case

    case = case_factory()
    case.experiences.clear()
    case.blocks[0].state = "selected"
    db.session.commit()
    api = api_as(case.candidate)
    body = _problem(api.post(f"/cases/{case.id}/events/submit"), 409)
    assert len(body["reasons"]) == 1 and body["slug" if "slug" in body else "type"]
    assert db.session.get(Case, case.id).state == "draft"
    _problem(api.post(f"/cases/{case.id}/events/declare_admissible"), 403)  # the candidate's role cannot
    _problem(api.post(f"/cases/{case.id}/events/no_such_event"), 404)


def test_if_match_refuses_a_stale_version_with_412(db, case_factory, api_as):
    case = case_factory()
    api = api_as(case.candidate)
    version = case.version
    etag = api.get(f"/cases/{case.id}").headers["ETag"]
    assert etag == f'"case-{case.id}-v{version}"'
    body = _problem(api.post(f"/cases/{case.id}/events/submit", headers={"If-Match": '"case-1-v0"'}), 412)
    assert body["current_version"] == version
    result = api.ok(api.post(f"/cases/{case.id}/events/submit", headers={"If-Match": etag}))
    assert result["to_state"] == "submitted" and result["case_version"] == version + 1


def test_an_idempotency_key_replays_the_first_answer(db, titles, make_user, api_as):
    from vae.models import Case

    candidate = make_user("candidate")
    api = api_as(candidate)
    title = titles["RNCP37780"]
    body = {"title_id": title.id, "block_ids": [title.blocks[0].id]}
    first = api.post("/cases", body, headers={"Idempotency-Key": "k-1"})
    again = api.post("/cases", body, headers={"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json() and again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["Location"] == first.headers["Location"]
    assert db.session.scalar(select(func.count(Case.id)).where(Case.candidate_id == candidate.id)) == 1
    _problem(api.post("/cases", {**body, "block_ids": [title.blocks[1].id]}, headers={"Idempotency-Key": "k-1"}), 422)
    # Without a key the same request is a new one: refused by the rule (one open case per title).
    assert len(_problem(api.post("/cases", body), 422)["reasons"]) == 1


def test_errors_everywhere_under_the_api_are_problem_details(app, client, make_user, api_as):
    api = api_as(make_user("candidate"))
    _problem(api.get("/no/such/thing"), 404)
    _problem(api.get("/cases/99999999999"), 404)
    assert _problem(client.delete("/api/v1/titles", headers=api.headers()), 405)
    _problem(client.post("/api/v1/cases", data="x", headers={**api.headers(), "Content-Type": "text/plain"}), 415)
    _problem(client.post("/api/v1/cases", data="{not json", headers={**api.headers(), "Content-Type": "application/json"}), 400)
    # The web keeps its pages.
    assert client.get("/no/such/page").content_type.startswith("text/html")


def test_an_unexpected_error_is_a_500_problem_without_a_trace(database_url, tmp_path, make_user):
    from tests.conftest import IsolatedClient, _make_app
    from vae.api.routes import bp

    app = _make_app(database_url, tmp_path / "boom")
    app.test_client_class = IsolatedClient

    def boom():
        raise RuntimeError("secret detail")

    app.add_url_rule("/api/v1/_boom", "api_boom", boom)
    with app.app_context():
        response = app.test_client().get("/api/v1/_boom")
    body = _problem(response, 500)
    assert "secret" not in response.get_data(as_text=True)
    assert bp is not None and body["detail"]


def test_a_browser_session_needs_the_csrf_token_to_write_but_a_bearer_token_does_not(
        database_url, tmp_path, make_user, titles, token_for):
    from tests.conftest import IsolatedClient, _make_app

    app = _make_app(database_url, tmp_path / "csrf", WTF_CSRF_ENABLED=True)
    app.test_client_class = IsolatedClient
    with app.app_context():
        candidate = make_user("candidate")
        clear = token_for(candidate)
        title = titles["RNCP37780"]
        body = {"title_id": title.id, "block_ids": [title.blocks[0].id]}
        browser = app.test_client()
        with browser.session_transaction() as session:
            session["_user_id"] = candidate.get_id()
        assert browser.get("/api/v1/cases").status_code == 200  # reading with the session is fine
        assert _problem(browser.post("/api/v1/cases", json=body), 403)["type"].endswith("csrf")
        # The web's own forms still need CSRF (the API's exemption is the API's alone).
        assert browser.post("/account/api-tokens", data={"name": "x", "scopes": "titles:read"}).status_code == 400
        program = app.test_client()
        assert program.post("/api/v1/cases", json=body, headers={"Authorization": f"Bearer {clear}"}).status_code == 201


def test_calls_are_rate_limited_per_token_with_a_429_problem(limited_app):
    from vae.api.auth import create_personal_token
    from vae.auth.operations import create_user
    from vae.extensions import db

    limited_app.config["RATELIMIT_API"] = "3 per minute"
    clears = []
    for n in range(2):
        user = create_user(email=f"rl{n}@example.org", first_name="R", last_name="L", roles=("candidate",),
                           password="correct horse battery", locale="fr")
        clears.append(create_personal_token(user, name="rl", scopes=["titles:read"])[1])
    db.session.commit()
    api = Api(limited_app.test_client(), clears[0])
    statuses = [api.get("/titles").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    body = _problem(api.get("/titles"), 429)
    assert body["detail"]
    other = Api(limited_app.test_client(), clears[1])
    assert other.get("/titles").status_code == 200  # another token has its own allowance


def test_writes_are_journalled_with_their_actor(db, case_factory, api_as):
    from vae.models import AuditEvent

    case = case_factory()
    api = api_as(case.candidate)
    api.ok(api.post(f"/cases/{case.id}/events/submit"))
    entry = db.session.scalar(select(AuditEvent).where(AuditEvent.case_id == case.id, AuditEvent.event == "submit"))
    assert entry.actor_id == case.candidate_id and entry.to_state == "submitted"
    assert entry.data["via"] == "api" and entry.data["api_token_id"]


def test_an_organisation_gets_a_token_with_client_credentials(db, client, make_user, titles):
    from vae.api.auth import create_client

    partner = make_user("mentor")
    registered, secret = create_client(name="Plateforme", acting_user=partner, scopes=["titles:read", "cases:read"],
                                       actor=None)
    db.session.commit()
    form = {"grant_type": "client_credentials", "client_id": registered.client_id, "client_secret": secret}
    token = client.post("/api/v1/oauth/token", json=form).get_json()
    assert token["token_type"] == "Bearer" and token["scope"] == "cases:read titles:read"
    api = Api(client, token["access_token"])
    assert api.get("/titles").status_code == 200
    assert api.ok(api.get("/cases"))["items"] == []  # it sees what its account sees: nothing assigned
    _problem(api.get("/awards"), 403)  # awards:read was not granted
    _problem(client.post("/api/v1/oauth/token", json={**form, "client_secret": "wrong"}), 401)
    narrowed = client.post("/api/v1/oauth/token", json={**form, "scope": "titles:read"}).get_json()
    assert narrowed["scope"] == "titles:read"
    _problem(client.post("/api/v1/oauth/token", json={**form, "scope": "awards:read"}), 400)


def test_a_person_creates_a_token_on_a_page_sees_it_once_and_revokes_it(db, client, login_as):
    from vae.models import ApiToken

    user = login_as("candidate")
    page = client.post("/account/api-tokens", data={"name": "Mon tableur", "scopes": ["titles:read", "cases:read"]})
    assert page.status_code == 200
    stored = db.session.scalar(select(ApiToken).where(ApiToken.user_id == user.id))
    text = page.get_data(as_text=True)
    clear = text.split('<code class="token">')[1].split("</code>")[0]
    assert clear.startswith("vae_pat_") and hashlib.sha256(clear.encode()).hexdigest() == stored.token_hash
    assert clear not in client.get("/account/api-tokens").get_data(as_text=True)  # shown once
    assert sorted(stored.scopes) == ["cases:read", "titles:read"]
    client.post("/account/api-tokens/revoke", data={"token_id": str(stored.id)})
    db.session.refresh(stored)
    assert stored.revoked_at is not None
    assert Api(client, clear).get("/titles").status_code == 401


@pytest.mark.parametrize("path", ["/api/v1/evidence/{id}", "/api/v1/evidence/{id}/file"])
def test_evidence_follows_the_case_access_rules(db, case_factory, make_user, api_as, path, tmp_path):
    from vae.models import Evidence, StoredFile
    from vae.storage.store import path_for

    case = case_factory()
    data = b"%PDF-1.4 attestation"
    sha = hashlib.sha256(data).hexdigest()
    stored = path_for(sha)
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(data)
    evidence = Evidence(case_block=case.blocks[0], kind="document", title="Attestation", created_by=case.candidate,
                        file=StoredFile(sha256=sha, size_bytes=len(data), mime_type="application/pdf"))
    db.session.add(evidence)
    db.session.commit()
    url = path.format(id=evidence.id).removeprefix("/api/v1")
    owner = api_as(case.candidate)
    answer = owner.get(url)
    assert answer.status_code == 200
    if url.endswith("/file"):
        assert answer.data == data
    else:
        assert answer.get_json()["links"]["file"].endswith(f"/evidence/{evidence.id}/file")
    _problem(api_as(make_user("candidate")).get(url), 404)
    _problem(api_as(make_user("mentor")).get(url), 404)


def test_control_characters_in_a_json_body_are_refused_as_on_the_web(db, titles, make_user, api_as):
    api = api_as(make_user("admin"))
    body = _problem(api.post("/jury-sessions", {"title_id": titles["RNCP37780"].id,
                                                "starts_at": "2030-01-01T09:00:00+00:00", "location": "Ly\x00on"}), 422)
    assert body["errors"][0]["location"] == ["body", "location"]
