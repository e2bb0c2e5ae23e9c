"""Steps the roads-to-a-block tests share: the certifier records and decides through the pages."""
from __future__ import annotations

import io
import re

from sqlalchemy import select

from vae.models import BlockClaim

PDF = b"%PDF-1.4\n% attestation de formation\n%%EOF\n"


def record_claim(client, login_as, admin, candidate, block_code: str, *, source: str = "training",
                 body: str = "Organisme de formation Horizon", reference: str = "EVAL-2026-17", pdf: bytes = PDF):
    """The certifier records a training or exam result with its supporting PDF: the claim made."""
    login_as(admin)
    response = client.post("/admin/block-claims/new", data={
        "candidate_email": candidate.email, "source": source, "block_code": block_code, "awarding_body": body,
        "assessed_on": "2026-06-12", "assessment_reference": reference,
        "file": (io.BytesIO(pdf), "evaluation.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    claim_id = int(re.search(r"/block-claims/(\d+)", response.headers["Location"]).group(1))
    return claim_id


def claim(db, claim_id: int) -> BlockClaim:
    db.session.expire_all()
    return db.session.scalar(select(BlockClaim).where(BlockClaim.id == claim_id))


def accept(client, login_as, admin, claim_id: int) -> str:
    login_as(admin)
    return client.post(f"/admin/block-claims/{claim_id}/accept", follow_redirects=True).get_data(as_text=True)


def refuse(client, login_as, admin, claim_id: int, reason: str):
    login_as(admin)
    return client.post(f"/admin/block-claims/{claim_id}/refuse", data={"reason": reason}, follow_redirects=True)
