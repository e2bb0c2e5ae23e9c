"""The machine-readable summary of a learner's records (`summary.json` of the passport).

Only what the learner may read themselves: awards whose jury session is signed
(`published_only`), and certificates that are not revoked.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import select

from vae.certification.credentials import public_url
from vae.certification.documents import progress_by_title
from vae.core.clock import now
from vae.extensions import db
from vae.models import Block, BlockAward, Certificate, User

FORMAT = "vae-competence-passport"
VERSION = 1


def _iso(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment is not None else None


def valid_certificates(candidate: User) -> list[Certificate]:
    """The learner's block and title certificates still valid, oldest first."""
    return list(db.session.scalars(select(Certificate).where(
        Certificate.candidate_id == candidate.id, Certificate.kind != "transcript",
        Certificate.revoked_at.is_(None), Certificate.credential_json.is_not(None)).order_by(Certificate.id)))


def _code_and_name(certificate: Certificate) -> tuple[str, str]:
    if certificate.kind == "block":
        block = certificate.block_award.block
        return block.code, block.label
    if certificate.kind == "title":
        title = certificate.title_award.title
        return title.rncp_code, title.label
    return "transcript", "Relevé des blocs"


def certificate_code(certificate: Certificate) -> str:
    return _code_and_name(certificate)[0]


def certificate_name(certificate: Certificate) -> str:
    return _code_and_name(certificate)[1]


def file_stem(certificate: Certificate) -> str:
    return f"{certificate_code(certificate)}-{certificate.public_id}"


def _block(block: Block, award: BlockAward | None, certificates: dict[int, Certificate]) -> dict[str, Any]:
    certificate = certificates.get(award.id) if award is not None else None
    return {
        "code": block.code, "label": block.label, "held": award is not None,
        "awarded_at": _iso(award.awarded_at) if award else None,
        "expires_at": _iso(award.expires_at) if award else None,
        "source": award.source if award else None,
        # Held through an equivalence: the block actually awarded.
        "through_block": award.block.code if award is not None and award.block_id != block.id else None,
        "certificate": certificate.public_id if certificate is not None else None,
        "ects_credits": block.ects_credits, "notional_workload_hours": block.notional_workload_hours,
        "competences": [c.label for c in block.competences],
    }


def passport_summary(candidate: User, files: dict[str, dict[str, str]]) -> dict[str, Any]:
    """`files`: public id -> {"pdf": name, "credential": name, ...} inside the zip."""
    certificates = valid_certificates(candidate)
    by_block_award = {c.block_award_id: c for c in certificates if c.block_award_id is not None}
    by_title = {c.title_award.title_id: c for c in certificates if c.title_award_id is not None}
    titles = []
    for progress in progress_by_title(candidate.id, published_only=True):
        held = dict((block.id, award) for block, award in progress.held)
        title, title_certificate = progress.title, by_title.get(progress.title.id)
        titles.append({
            "rncp_code": title.rncp_code, "label": title.label, "eqf_level": title.eqf_level,
            "register": title.register, "blocks_held": progress.count, "blocks_required": progress.total,
            "complete": progress.complete,
            "title_certificate": title_certificate.public_id if title_certificate is not None else None,
            "blocks": [_block(block, held.get(block.id), by_block_award) for block in title.required_blocks],
        })
    return {
        "format": FORMAT, "version": VERSION, "generated_at": _iso(now()),
        "holder": {"name": candidate.full_name},
        "issuer": {"name": current_app.config["CERTIFIER_NAME"]},
        "titles": titles,
        "certificates": [{
            "public_id": c.public_id, "kind": c.kind, "code": certificate_code(c), "name": certificate_name(c),
            "issued_at": _iso(c.issued_at), "verify_url": public_url(c.public_id),
            "files": files.get(c.public_id, {}),
        } for c in certificates],
    }
