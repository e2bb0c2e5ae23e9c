"""A partner training body records a training-assessed block through the API (scope
training:write, client credentials acting as a certifier account); the certifier accepts it."""
from __future__ import annotations

import base64

from sqlalchemy import select

from tests.api.conftest import Api, api_as, token_for  # noqa: F401  (fixtures)
from tests.sources.helpers import PDF, accept, claim
from vae.models import BlockAward, BlockClaim


def _body(candidate, **changes) -> dict:
    return {"candidate_email": candidate.email, "block_code": "RNCP37780BC03", "awarding_body": "Horizon Formation",
            "assessed_on": "2026-05-20", "assessment_reference": "MOD-3", "document_filename": "evaluation.pdf",
            "document_base64": base64.b64encode(PDF).decode(), **changes}


def _partner(db, client, admin_account) -> Api:
    from vae.api.auth import create_client

    registered, secret = create_client(name="Horizon Formation", acting_user=admin_account,
                                       scopes=["training:write"], actor=admin_account)
    db.session.commit()
    token = client.post("/api/v1/oauth/token", json={"grant_type": "client_credentials",
                                                     "client_id": registered.client_id,
                                                     "client_secret": secret}).get_json()
    return Api(client, token["access_token"])


def test_a_partner_records_a_training_block_that_the_certifier_accepts(db, client, login_as, titles, make_user):
    admin, candidate = make_user("admin"), make_user("candidate")
    api = _partner(db, client, admin)
    created = api.ok(api.post("/training-blocks", json=_body(candidate)), 201)
    assert {k: created[k] for k in ("source", "state", "block_code", "candidate_id", "assessment_reference")} == {
        "source": "training", "state": "declared", "block_code": "RNCP37780BC03", "candidate_id": candidate.id,
        "assessment_reference": "MOD-3"}
    # The document went through the storage module: the candidate can download it.
    login_as(candidate)
    assert client.get(f"/block-claims/{created['id']}/file").data == PDF

    accept(client, login_as, admin, created["id"])
    assert claim(db, created["id"]).state == "accepted"
    award = db.session.scalar(select(BlockAward).where(BlockAward.candidate_id == candidate.id))
    assert (award.source, award.block.code) == ("training", "RNCP37780BC03")


def test_the_partner_gets_every_reason_and_nothing_is_recorded(db, client, titles, make_user):
    admin, candidate = make_user("admin"), make_user("candidate")
    api = _partner(db, client, admin)
    for changes, field in (({"block_code": "NOPE01"}, "block_code"),
                           ({"candidate_email": admin.email}, "candidate_email"),
                           ({"document_base64": "!!!!"}, "document_base64"),
                           ({"document_base64": base64.b64encode(b"not a pdf at all").decode()}, "document_base64")):
        response = api.post("/training-blocks", json=_body(candidate, **changes))
        assert response.status_code == 422, (changes, response.get_data(as_text=True))
        assert response.get_json()["errors"][0]["location"] == ["body", field]
    assert db.session.scalar(select(BlockClaim)) is None


def test_only_certifier_accounts_with_the_scope_record(db, client, titles, make_user, api_as):  # noqa: F811
    candidate = make_user("candidate")
    for role in ("candidate", "mentor", "jury"):
        response = api_as(make_user(role)).post("/training-blocks", json=_body(candidate))
        assert response.status_code == 403, role
    response = api_as(make_user("admin"), scopes=("awards:read",)).post("/training-blocks", json=_body(candidate))
    assert response.status_code == 403 and response.get_json()["required_scope"] == "training:write"
    assert db.session.scalar(select(BlockClaim)) is None


def test_the_operation_is_in_the_openapi_description(client):
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/training-blocks"]["post"]
    assert "201" in operation["responses"] and "422" in operation["responses"]
    schema = document["components"]["schemas"]["NewTrainingBlock"]
    assert {"candidate_email", "block_code", "assessed_on", "document_base64"} <= set(schema["required"])
