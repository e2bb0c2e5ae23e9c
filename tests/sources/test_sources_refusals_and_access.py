"""The claim tables' guards (proof present, a refusal needs a reason, decided once) and who may
see or decide a claim (its candidate sees it, another candidate does not; only the certifier
decides: not the candidate, a mentor or a jury member)."""
from __future__ import annotations

import html
import io

import pytest
from sqlalchemy import select

from tests.sources.helpers import PDF, accept, claim, record_claim, refuse
from vae.models import AuditEvent, BlockAward
from vae.workflows.claims import CLAIM_WORKFLOWS
from vae.workflows.engine import TransitionForbidden


def _page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_a_declaration_needs_a_proof(db, client, login_as, titles, make_user):
    candidate = login_as("candidate")
    response = client.post("/my/blocks/declare", data={
        "block_code": "RNCP37780BC02", "awarding_body": "Autre certificateur", "assessed_on": "2026-03-02",
        "assessment_reference": "", "credential": ""})
    assert response.status_code == 400
    assert "Un justificatif ou une attestation vérifiable est nécessaire." in _page(response)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.subject_type == "block_claim")) is None
    # With the certificate (PDF) it is declared, and listed among the candidate's declarations.
    response = client.post("/my/blocks/declare", data={
        "block_code": "RNCP37780BC02", "awarding_body": "Autre certificateur", "assessed_on": "2026-03-02",
        "assessment_reference": "CERT-9", "credential": "", "file": (io.BytesIO(PDF), "certificat.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    assert "RNCP37780BC02" in _page(client.get("/my/blocks/declare"))
    assert "Déclaré" in _page(client.get(response.headers["Location"]))
    assert client.get(response.headers["Location"] + "/file").data == PDF
    assert candidate.id


def test_a_refusal_needs_a_reason_and_the_candidate_reads_it(db, client, login_as, titles, make_user):
    admin, candidate = make_user("admin"), make_user("candidate")
    claim_id = record_claim(client, login_as, admin, candidate, "RNCP37780BC03", source="exam")
    response = refuse(client, login_as, admin, claim_id, "   ")
    assert response.status_code == 400
    assert claim(db, claim_id).state == "declared"

    refuse(client, login_as, admin, claim_id, "Le relevé de notes ne porte pas sur ce bloc.")
    found = claim(db, claim_id)
    assert (found.state, found.refusal_reason) == ("refused", "Le relevé de notes ne porte pas sur ce bloc.")
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.subject_type == "block_claim",
                                                       AuditEvent.event == "refuse_claim"))
    assert (audit.actor_id, audit.reason, audit.to_state) == (admin.id, found.refusal_reason, "refused")
    login_as(candidate)
    assert "Le relevé de notes ne porte pas sur ce bloc." in _page(client.get(f"/block-claims/{claim_id}"))

    # Refused is final: accepting it afterwards is refused, and nothing is awarded.
    page = html.unescape(accept(client, login_as, admin, claim_id))
    assert "Impossible" in page or "pas possible" in page.lower()
    assert claim(db, claim_id).state == "refused"
    assert db.session.scalar(select(BlockAward).where(BlockAward.candidate_id == candidate.id)) is None


def test_another_candidate_sees_nothing_of_a_declaration(db, client, login_as, titles, make_user):
    admin, owner = make_user("admin"), make_user("candidate")
    claim_id = record_claim(client, login_as, admin, owner, "RNCP37780BC04")
    login_as("candidate")
    assert client.get(f"/block-claims/{claim_id}").status_code == 404
    assert client.get(f"/block-claims/{claim_id}/file").status_code == 404
    assert "RNCP37780BC04" not in _page(client.get("/my/blocks/declare"))
    login_as(owner)
    assert client.get(f"/block-claims/{claim_id}").status_code == 200


@pytest.mark.parametrize("role", ["mentor", "jury", "candidate"])
def test_only_the_certifier_decides(role, db, client, login_as, titles, make_user):
    admin, owner = make_user("admin"), make_user("candidate")
    claim_id = record_claim(client, login_as, admin, owner, "RNCP37780BC05")
    someone = owner if role == "candidate" else make_user(role)
    login_as(someone)
    assert client.post(f"/admin/block-claims/{claim_id}/accept").status_code == 403
    assert client.post(f"/admin/block-claims/{claim_id}/refuse", data={"reason": "non"}).status_code == 403
    if role != "candidate":
        assert client.get(f"/block-claims/{claim_id}").status_code == 404
    # The table itself says no, whoever calls it.
    with pytest.raises(TransitionForbidden):
        CLAIM_WORKFLOWS["training"].fire(claim(db, claim_id), "accept_claim", someone)
    assert claim(db, claim_id).state == "declared"


def test_the_admin_queue_lists_what_waits(db, client, login_as, titles, make_user):
    admin, owner = make_user("admin"), make_user("candidate", first_name="Lucie", last_name="Bernard")
    claim_id = record_claim(client, login_as, admin, owner, "RNCP37780BC06")
    login_as(admin)
    queue = _page(client.get("/admin/block-claims"))
    waiting = queue.split("À décider")[1].split("Décidés récemment")[0]
    assert "RNCP37780BC06" in waiting and "Lucie Bernard" in waiting and f"/block-claims/{claim_id}" in waiting
    accept(client, login_as, admin, claim_id)
    queue = _page(client.get("/admin/block-claims"))
    assert "RNCP37780BC06" in queue.split("Décidés récemment")[1]
    assert "RNCP37780BC06" not in queue.split("À décider")[1].split("Décidés récemment")[0]
