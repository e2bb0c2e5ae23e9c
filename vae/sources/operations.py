"""Declaring a block obtained by another road, and the certifier's decision on it.

Operations flush and never commit; the route (or the API wrapper) commits once and places
the uploaded file after the commit.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from vae.certification.operations import issue_block_certificate, issue_title_certificate
from vae.certification.signing import issuing_refusal
from vae.core.audit import record
from vae.core.refusal import Refused
from vae.extensions import db
from vae.models import Block, BlockAward, BlockClaim, TitleAward, User
from vae.models.states import ADMIN, CANDIDATE
from vae.outbox.queue import queue_mail
from vae.sources.verify import verify_credential
from vae.storage.store import PendingUpload, stored_file_for
from vae.workflows.claims import CLAIM_WORKFLOWS
from vae.workflows.guards.claims import block_not_held, proof_present


def visible_claims(user: User):
    """Deny by default: certifier staff see every claim, a candidate their own, nobody else any."""
    query = select(BlockClaim)
    if user.has_role(ADMIN):
        return query
    if user.has_role(CANDIDATE):
        return query.where(BlockClaim.candidate_id == user.id)
    return query.where(BlockClaim.id.is_(None))


def get_claim_or_404(user: User, claim_id: int) -> BlockClaim:
    claim = db.session.scalar(visible_claims(user).where(BlockClaim.id == claim_id))
    if claim is None:
        raise NotFound()
    return claim


def block_by_code(code: str) -> Block | None:
    return db.session.scalar(select(Block).where(Block.code == (code or "").strip()))


def declare_claim(*, candidate: User, block: Block, source: str, awarding_body: str, assessed_on: date,
                  assessment_reference: str, actor: User | None, upload: PendingUpload | None = None,
                  credential_text: str | None = None) -> BlockClaim:
    """A new claim, declared: the certifier (or a partner) records a training or exam result,
    or the candidate declares another certifier's block. An OB3 credential is verified now,
    and the result kept for the certifier to read."""
    if not candidate.has_role(CANDIDATE):
        raise Refused([_("Only a candidate can hold a block.")])
    claim = BlockClaim(candidate=candidate, candidate_id=candidate.id, block=block, block_id=block.id,
                       source=source, state="declared", awarding_body=awarding_body.strip(),
                       assessed_on=assessed_on, assessment_reference=(assessment_reference or "").strip(),
                       declared_by=actor)
    if upload is not None:
        claim.file = stored_file_for(upload)
        claim.file_id = claim.file.id
        claim.original_filename = upload.original_filename or None
    if (credential_text or "").strip():
        claim.credential_json = credential_text.strip()
        claim.verification = verify_credential(claim.credential_json)
    reasons = [r for rule in (block_not_held, proof_present) if (r := rule(claim))]
    if reasons:
        raise Refused(reasons)
    db.session.add(claim)
    db.session.flush()
    record(actor, "block_claim", claim.id, "declare_claim", to_state="declared",
           data={"source": source, "block_id": block.id, "candidate_id": candidate.id,
                 "verified": (claim.verification or {}).get("ok")})
    return claim


def decide_claim(claim: BlockClaim, event: str, actor: User, *, reason: str = "") -> None:
    """accept_claim or refuse_claim, through the claim's own table (guards, audit, award).

    An accepted block has no jury session to be certified with: its certificate (and the
    title's, when it completes one) is issued now, when this deployment can issue at all.
    The candidate is told by mail (the outbox sends it once the route has committed).
    """
    CLAIM_WORKFLOWS[claim.source].fire(claim, event, actor, reason=reason).or_refuse()
    queue_mail(claim.candidate, "claim_decided", claim=claim)
    if claim.state == "accepted" and issuing_refusal() is None:
        award = db.session.scalar(select(BlockAward).where(BlockAward.claim_id == claim.id))
        issue_block_certificate(award, actor)
        for title_award in db.session.scalars(select(TitleAward).where(
                TitleAward.candidate_id == claim.candidate_id)):
            issue_title_certificate(title_award, actor)


def pending_claims() -> list[BlockClaim]:
    return list(db.session.scalars(select(BlockClaim).where(BlockClaim.state == "declared")
                                   .order_by(BlockClaim.declared_at, BlockClaim.id)))


def recent_decisions(limit: int = 30) -> list[BlockClaim]:
    return list(db.session.scalars(select(BlockClaim).where(BlockClaim.state != "declared")
                                   .order_by(BlockClaim.decided_at.desc(), BlockClaim.id.desc()).limit(limit)))
