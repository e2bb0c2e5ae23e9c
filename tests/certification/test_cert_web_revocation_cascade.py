"""Revoking a block on which a full-title certificate rests revokes the title certificate too."""
from __future__ import annotations

import html
import json

from sqlalchemy import select

from tests.certification.helpers import certificates_of, full_title, issue_session
from vae.certification.vc import status_list
from vae.models import AuditEvent

REASON = "Attestation d'employeur falsifiée"


def _revoked_bit(client, certificate) -> bool:
    entry = json.loads(certificate.credential_json)["credentialStatus"]
    served = client.get("/status/" + entry["statusListCredential"].rsplit("/", 1)[1]).get_json()
    return status_list.StatusList.decode(served["credentialSubject"]["encodedList"]).get(int(entry["statusListIndex"]))


def test_revoking_a_block_revokes_the_title_certificate_with_the_same_reason(
        db, client, login_as, titles, make_user, case_factory, jury_validates):
    candidate, _ = full_title(titles, make_user, case_factory, jury_validates, client, login_as)
    block_certificate = certificates_of(db, candidate, "block")[0]
    [title_certificate] = certificates_of(db, candidate, "title")
    response = client.post(f"/c/{block_certificate.public_id}/revoke", data={"reason": REASON},
                           follow_redirects=True)
    assert "reposait sur ce bloc" in html.unescape(response.get_data(as_text=True))
    db.session.refresh(title_certificate)
    assert title_certificate.is_revoked and title_certificate.revoke_reason == REASON
    assert _revoked_bit(client, title_certificate) is True
    page = html.unescape(client.get(f"/c/{title_certificate.public_id}").get_data(as_text=True))
    assert "Révoquée le" in page and REASON in page
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.subject_type == "certificate",
                                                       AuditEvent.subject_id == title_certificate.id,
                                                       AuditEvent.event == "revoke"))
    assert audit.reason == REASON and audit.actor_id == jury_validates.admin.id
    assert audit.data["because_of"] == block_certificate.public_id
    # The other blocks stay valid; the candidate no longer holds the full title.
    assert not any(c.is_revoked for c in certificates_of(db, candidate, "block")[1:])
    login_as(candidate)
    my_blocks = html.unescape(client.get("/my/blocks").get_data(as_text=True))
    assert "Vous avez obtenu le titre complet." not in my_blocks
    assert block_certificate.block_award.block.code in my_blocks.split("Blocs restant à valider")[1]


def test_revoking_a_block_of_an_incomplete_title_revokes_only_the_block(db, client, login_as, case_factory,
                                                                       jury_validates):
    case = case_factory(block_codes=("RNCP37780BC01",))
    issue_session(client, login_as, jury_validates.admin, jury_validates(case))
    [certificate] = certificates_of(db, case.candidate, "block")
    client.post(f"/c/{certificate.public_id}/revoke", data={"reason": REASON})
    revokes = db.session.scalars(select(AuditEvent).where(AuditEvent.event == "revoke")).all()
    assert [e.subject_id for e in revokes] == [certificate.id]
