"""A block obtained from another certifier, declared by the candidate with its Open Badges 3.0
credential: verified over real HTTP (the issuer's did:web document and its status list, served
by an instance of the application on a loopback port, "the other certifier") and shown to the
certifier: valid (accepted), tampered (refused with the reason shown), revoked (status list)."""
from __future__ import annotations

import html
import json
import re

import pytest
from sqlalchemy import select

from tests.certification.helpers import issue_session
from tests.sources.helpers import accept, claim, refuse
from tests.support.browser import serve_app
from vae.models import AuditEvent, BlockAward, Certificate

BLOCK = "RNCP37780BC01"


@pytest.fixture
def other_certifier(app):
    """The application served on 127.0.0.1:<port>, its credentials naming that address."""
    with serve_app(app) as served:
        app.config["PUBLIC_BASE_URL"] = served.url
        yield served.url


def _credential_from_elsewhere(db, client, login_as, make_user, case_factory, jury_validates) -> tuple[dict, str]:
    """A holder's block credential, issued by the other certifier: (credential, public id)."""
    holder = make_user("candidate", first_name="Jeanne", last_name="Martin")
    issue_session(client, login_as, jury_validates.admin,
                  jury_validates(case_factory(candidate=holder, block_codes=(BLOCK,))))
    certificate = db.session.scalar(select(Certificate).where(Certificate.candidate_id == holder.id,
                                                              Certificate.kind == "block"))
    return json.loads(certificate.credential_json), certificate.public_id


def _declare(client, login_as, candidate, credential: dict) -> int:
    login_as(candidate)
    response = client.post("/my/blocks/declare", data={
        "block_code": BLOCK, "awarding_body": "Autre certificateur", "assessed_on": "2026-03-02",
        "assessment_reference": "", "credential": json.dumps(credential, ensure_ascii=False)})
    assert response.status_code == 302, html.unescape(response.get_data(as_text=True))
    return int(re.search(r"/block-claims/(\d+)", response.headers["Location"]).group(1))


def _claim_page(client, login_as, user, claim_id: int) -> str:
    login_as(user)
    return html.unescape(client.get(f"/block-claims/{claim_id}").get_data(as_text=True))


def test_a_valid_credential_is_verified_over_http_and_accepted(other_certifier, db, client, login_as, make_user,
                                                               case_factory, jury_validates):
    credential, _ = _credential_from_elsewhere(db, client, login_as, make_user, case_factory, jury_validates)
    candidate = make_user("candidate")
    claim_id = _declare(client, login_as, candidate, credential)

    verification = claim(db, claim_id).verification
    assert verification["ok"] is True, verification
    assert verification["issuer"] == "did:web:" + other_certifier.split("//")[1].replace(":", "%3A")
    assert (verification["signature"], verification["status"]) == ("valid", "active")
    page = _claim_page(client, login_as, jury_validates.admin, claim_id)
    assert "Vérifiée : signature valide, émetteur résolu, non révoquée." in page
    assert "Accepter le bloc" in page and "disabled" not in page.split("Accepter le bloc")[0].rsplit("<button", 1)[1]

    accept(client, login_as, jury_validates.admin, claim_id)
    assert claim(db, claim_id).state == "accepted"
    award = db.session.scalar(select(BlockAward).where(BlockAward.candidate_id == candidate.id))
    assert (award.block.code, award.source, award.claim_id) == (BLOCK, "outside", claim_id)
    certificate = db.session.scalar(select(Certificate).where(Certificate.block_award_id == award.id))
    assert json.loads(certificate.credential_json)["evidence"][0]["name"] == "Bloc certifié par un autre certificateur"
    events = [e.event for e in db.session.scalars(select(AuditEvent).where(
        AuditEvent.subject_type == "block_claim", AuditEvent.subject_id == claim_id).order_by(AuditEvent.id))]
    assert events[:2] == ["declare_claim", "accept_claim"]


def test_a_tampered_credential_cannot_be_accepted_and_is_refused_with_its_reason(
        other_certifier, db, client, login_as, make_user, case_factory, jury_validates):
    credential, _ = _credential_from_elsewhere(db, client, login_as, make_user, case_factory, jury_validates)
    credential["credentialSubject"]["achievement"]["name"] = "Un autre bloc"  # what the holder would like
    candidate = make_user("candidate")
    claim_id = _declare(client, login_as, candidate, credential)

    verification = claim(db, claim_id).verification
    assert verification["ok"] is False
    assert verification["signature"] == "invalid" and "signature does not match" in verification["reason"]
    page = _claim_page(client, login_as, jury_validates.admin, claim_id)
    assert "Non vérifiée" in page and "signature does not match the document" in page
    assert "L’attestation n’a pas pu être vérifiée" in page or "L'attestation n'a pas pu être vérifiée" in page

    # Accepting anyway is refused by the table's guard, with the reason.
    page = html.unescape(accept(client, login_as, jury_validates.admin, claim_id))
    assert "pas pu être vérifiée" in page
    assert claim(db, claim_id).state == "declared"
    assert db.session.scalar(select(BlockAward).where(BlockAward.candidate_id == candidate.id)) is None

    response = refuse(client, login_as, jury_validates.admin, claim_id, "Attestation modifiée : signature invalide.")
    assert response.status_code == 200
    assert claim(db, claim_id).state == "refused"
    page = _claim_page(client, login_as, candidate, claim_id)
    assert "Refusé" in page and "Attestation modifiée : signature invalide." in page


def test_a_revoked_credential_reads_revoked_from_the_issuers_status_list(other_certifier, db, client, login_as,
                                                                         make_user, case_factory, jury_validates):
    credential, public_id = _credential_from_elsewhere(db, client, login_as, make_user, case_factory,
                                                       jury_validates)
    login_as(jury_validates.admin)
    client.post(f"/c/{public_id}/revoke", data={"reason": "Fraude constatée"})
    candidate = make_user("candidate")
    claim_id = _declare(client, login_as, candidate, credential)

    verification = claim(db, claim_id).verification
    assert verification["ok"] is False and verification["signature"] == "valid"
    assert verification["reason"] == "status: the issuer has revoked this credential"
    page = _claim_page(client, login_as, jury_validates.admin, claim_id)
    assert "status: the issuer has revoked this credential" in page
