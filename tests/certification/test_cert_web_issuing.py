"""Issuing certificates for a signed jury session, verifying and revoking them."""
from __future__ import annotations

import json

from sqlalchemy import func, select

from vae.certification.vc import status_list
from vae.models import AuditEvent, Certificate


def _issue_all(client, login_as, admin, session):
    login_as(admin)
    response = client.post(f"/admin/certification/sessions/{session.id}/issue")
    assert response.status_code == 302
    return response


def _complete_title(titles, make_user, case_factory, jury_validates):
    candidate = make_user("candidate", first_name="Jeanne", last_name="Dupont")
    codes = [b.code for b in titles["RNCP37780"].required_blocks]
    case = case_factory(candidate=candidate, block_codes=codes)
    return candidate, case, jury_validates(case)


def test_batch_issues_block_and_title_credentials_once(db, client, login_as, titles, make_user, case_factory,
                                                       jury_validates):
    candidate, case, session = _complete_title(titles, make_user, case_factory, jury_validates)
    for _ in range(3):  # batches of 10 blocks, then idempotent re-runs
        _issue_all(client, login_as, jury_validates.admin, session)
    kinds = db.session.scalars(select(Certificate.kind)).all()
    assert sorted(kinds) == ["block"] * len(case.blocks) + ["title", "transcript"]  # one relevé per candidate
    assert {b.state for b in case.blocks} == {"certified"} and case.state == "closed"
    page = client.get(f"/admin/certification/sessions/{session.id}").get_data(as_text=True)
    assert f"{len(case.blocks)} / {len(case.blocks)}" in page
    credential = json.loads(db.session.scalar(select(Certificate.credential_json).where(Certificate.kind == "title")))
    assert credential["credentialSubject"]["achievement"]["achievementType"] == "Certificate"
    assert credential["credentialSubject"]["identifier"][0]["identityHash"] == "Jeanne Dupont"
    assert "jeanne" not in json.dumps(credential["credentialSubject"]["identifier"][1]).lower()


def test_unsigned_session_is_not_issued(db, client, login_as, case_factory, jury_validates):
    case = case_factory(block_codes=("RNCP37780BC01",))
    session = jury_validates(case, sign=False)
    _issue_all(client, login_as, jury_validates.admin, session)
    assert db.session.scalar(select(func.count(Certificate.id))) == 0
    assert case.blocks[0].state == "validated"


def _one_block_certificate(db, client, login_as, case_factory, jury_validates) -> Certificate:
    case = case_factory(block_codes=("RNCP37780BC01",))
    _issue_all(client, login_as, jury_validates.admin, jury_validates(case))
    return db.session.scalar(select(Certificate).where(Certificate.kind == "block"))


def test_public_page_says_valid_and_serves_the_credential(db, client, login_as, case_factory, jury_validates):
    certificate = _one_block_certificate(db, client, login_as, case_factory, jury_validates)
    client.post("/auth/logout")
    page = client.get(f"/c/{certificate.public_id}?check=1").get_data(as_text=True)
    assert "RNCP37780BC01" in page and "Valide" in page and "Révoquée le" not in page
    assert "signature numérique est authentique" in page
    as_json = client.get(f"/c/{certificate.public_id}", headers={"Accept": "application/vc+ld+json"})
    assert as_json.mimetype == "application/vc+ld+json"
    assert as_json.get_json() == client.get(f"/c/{certificate.public_id}.json").get_json()
    assert client.get("/c/no-such-id").status_code == 404


def test_revoking_turns_the_page_and_the_status_bit_to_revoked(db, client, login_as, case_factory,
                                                               jury_validates):
    certificate = _one_block_certificate(db, client, login_as, case_factory, jury_validates)
    entry = json.loads(certificate.credential_json)["credentialStatus"]
    slug, index = entry["statusListCredential"].rsplit("/", 1)[1], int(entry["statusListIndex"])

    def bit():
        served = client.get(f"/status/{slug}").get_json()
        return status_list.StatusList.decode(served["credentialSubject"]["encodedList"]).get(index)

    assert bit() is False
    response = client.post(f"/c/{certificate.public_id}/revoke", data={"reason": "Fraude avérée au dossier"})
    assert response.status_code == 302
    assert bit() is True
    page = client.get(f"/c/{certificate.public_id}").get_data(as_text=True)
    assert "Révoqué" in page and "Fraude avérée au dossier" in page
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.event == "revoke"))
    assert audit.reason == "Fraude avérée au dossier" and audit.subject_id == certificate.id


def test_revocation_needs_an_admin_and_a_reason(db, client, login_as, case_factory, jury_validates):
    certificate = _one_block_certificate(db, client, login_as, case_factory, jury_validates)
    client.post(f"/c/{certificate.public_id}/revoke", data={"reason": " "})
    login_as(certificate.candidate)
    assert client.post(f"/c/{certificate.public_id}/revoke", data={"reason": "x"}).status_code == 403
    db.session.refresh(certificate)
    assert not certificate.is_revoked


def test_one_changed_character_fails_verification(db, client, login_as, case_factory, jury_validates):
    from vae.certification.operations import verify_certificate

    certificate = _one_block_certificate(db, client, login_as, case_factory, jury_validates)
    assert verify_certificate(certificate).ok
    certificate.credential_json = certificate.credential_json.replace("Gestion", "Gestiom", 1)
    db.session.commit()
    assert not verify_certificate(certificate).ok
    page = client.get(f"/c/{certificate.public_id}?check=1").get_data(as_text=True)
    assert "ne correspond pas" in page


def test_a_credential_signed_by_a_retired_key_still_verifies(db, client, login_as, case_factory,
                                                            jury_validates, runner):
    from vae.certification.operations import verify_certificate

    certificate = _one_block_certificate(db, client, login_as, case_factory, jury_validates)
    result = runner.invoke(args=["vae", "keys", "rotate"])
    assert result.exit_code == 0, result.output
    methods = [m["id"] for m in client.get("/.well-known/did.json").get_json()["verificationMethod"]]
    assert certificate.signing_key_id in methods and len(methods) == 2
    assert verify_certificate(certificate).ok


def test_reopening_is_refused_once_a_certificate_exists(db, client, login_as, case_factory, jury_validates):
    from vae.workflows.block import BLOCK

    certificate = _one_block_certificate(db, client, login_as, case_factory, jury_validates)
    case_block = certificate.block_award.case_block
    assert case_block.state == "certified"  # final: not even offered
    # a validated block whose award was certified through another case is refused by the guard
    from vae.workflows.guards.certification import award_not_certified

    assert "révoquez" in award_not_certified(case_block)
    assert BLOCK.available(case_block, jury_validates.admin) == []
