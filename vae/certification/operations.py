"""Certification verbs: issue certificates, issue a jury session's in batches, revoke, verify."""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from vae.awards import held_block_ids
from vae.certification.credentials import (award_evidence, block_achievement, block_award_participation,
                                           signed_credential, title_achievement, title_award_participation)
from vae.certification.signing import did_document
from vae.certification.statuses import allocate_index, list_url
from vae.certification.vc import data_integrity, did_web, open_badge
from vae.core.audit import record
from vae.core.claims import claim
from vae.core.clock import now
from vae.extensions import db
from vae.models import BlockAward, CaseBlock, Certificate, Interview, JurySession, TitleAward, User
from vae.workflows.block import BLOCK

BATCH_SIZE = 10


def new_public_id() -> str:
    return secrets.token_urlsafe(12)


def _issue(kind: str, candidate: User, achievement, actor: User | None, *, valid_until=None, decision=None,
           participation=None, **award) -> Certificate:
    moment = now()
    status, index = allocate_index()
    certificate = Certificate(public_id=new_public_id(), kind=kind, candidate_id=candidate.id,
                              holder_name=candidate.full_name,  # frozen: what the credential certifies
                              issued_at=moment, issued_by_id=actor.id if actor else None,
                              status_list_id=status.id, status_index=index, **award)
    credential, method = signed_credential(certificate, candidate, achievement, list_url(status.slug),
                                           open_badge.new_salt(), moment, valid_until=valid_until,
                                           decision=decision, participation=participation)
    certificate.credential_json = json.dumps(credential, ensure_ascii=False, sort_keys=True)
    certificate.signing_key_id = method
    db.session.add(certificate)
    db.session.flush()
    record(actor, "certificate", certificate.id, "issue", data={"kind": kind, "public_id": certificate.public_id})
    ensure_transcript(candidate, actor, moment)
    return certificate


def certificate_of(*, block_award: BlockAward | None = None, title_award: TitleAward | None = None):
    if block_award is not None:
        return db.session.scalar(select(Certificate).where(Certificate.block_award_id == block_award.id))
    return db.session.scalar(select(Certificate).where(Certificate.title_award_id == title_award.id))


def issue_block_certificate(award: BlockAward, actor: User | None) -> Certificate:
    """Idempotent: an award has at most one certificate."""
    return certificate_of(block_award=award) or _issue(
        "block", award.candidate, block_achievement(award.block), actor, valid_until=award.expires_at,
        decision=award_evidence(award), participation=block_award_participation(award), block_award_id=award.id)


def issue_title_certificate(award: TitleAward, actor: User | None) -> Certificate:
    return certificate_of(title_award=award) or _issue(
        "title", award.candidate, title_achievement(award.title), actor,
        participation=title_award_participation(award), title_award_id=award.id)


def issue_what_the_block_earned(case_block: CaseBlock, actor: User | None) -> None:
    """The step "certify" runs (its effect slot, filled by `create_app`): the block's certificate
    and those of the titles the candidate now holds. Idempotent."""
    candidate_id = case_block.case.candidate_id
    award = db.session.scalar(select(BlockAward).where(BlockAward.candidate_id == candidate_id,
                                                       BlockAward.block_id == case_block.block_id))
    if award is not None:
        issue_block_certificate(award, actor)
    for title_award in db.session.scalars(select(TitleAward).where(TitleAward.candidate_id == candidate_id)):
        issue_title_certificate(title_award, actor)


@dataclass(frozen=True)
class SessionProgress:
    certified: int
    to_certify: int
    blocked: int  # validated blocks that cannot be certified yet (reasons shown per block)

    @property
    def total(self) -> int:
        return self.certified + self.to_certify

    @property
    def done(self) -> bool:
        return self.to_certify == 0


def _session_blocks(session: JurySession, state: str):
    return (select(CaseBlock).join(Interview, CaseBlock.interview_id == Interview.id)
            .where(Interview.session_id == session.id, CaseBlock.state == state).order_by(CaseBlock.id))


def session_progress(session: JurySession) -> SessionProgress:
    count = lambda state: db.session.scalar(  # noqa: E731
        select(func.count()).select_from(_session_blocks(session, state).subquery()))
    to_certify = count("validated")
    return SessionProgress(certified=count("certified"), to_certify=to_certify,
                           blocked=to_certify if session.state != "signed" else 0)


def sessions_progress(sessions: list[JurySession]) -> dict[int, SessionProgress]:
    """`session_progress` for a page of sessions in one grouped query."""
    counts: dict[tuple[int, str], int] = {}
    if sessions:
        rows = db.session.execute(
            select(Interview.session_id, CaseBlock.state, func.count(CaseBlock.id))
            .join(Interview, CaseBlock.interview_id == Interview.id)
            .where(Interview.session_id.in_([s.id for s in sessions]),
                   CaseBlock.state.in_(("validated", "certified")))
            .group_by(Interview.session_id, CaseBlock.state))
        counts = {(session_id, state): n for session_id, state, n in rows}
    return {s.id: SessionProgress(certified=counts.get((s.id, "certified"), 0),
                                  to_certify=counts.get((s.id, "validated"), 0),
                                  blocked=counts.get((s.id, "validated"), 0) if s.state != "signed" else 0)
            for s in sessions}


def issue_session_batch(session: JurySession, actor: User, limit: int = BATCH_SIZE) -> dict[int, list[str]]:
    """Certify up to `limit` validated blocks of a signed session; re-running never duplicates.

    Returns the refusals by case block id (empty when all went through).
    """
    refused: dict[int, list[str]] = {}
    for case_block in db.session.scalars(_session_blocks(session, "validated").limit(limit)).all():
        outcome = BLOCK.fire(case_block, "certify", actor=actor, reason="certificates issued")
        if not outcome.ok:
            refused[case_block.id] = outcome.reasons
    return refused


def revoke_certificate(certificate: Certificate, actor: User, reason: str) -> list[Certificate]:
    """Flip the certificate's status bit (it is derived from revoked_at) and audit why.

    A revoked block is no longer held, so a title certificate that needed it is revoked
    too, with the same reason (docs/credentials.md, "Revocation"). Returns every
    certificate revoked by this call, the one asked for first.
    """
    if certificate.is_revoked or not _claim_revocation(certificate, actor, reason):
        return []  # already revoked (perhaps by a click a moment ago): nothing more to write
    _record_revocation(certificate, actor, reason)
    revoked = [certificate]
    if certificate.kind == "block":
        for title_certificate in _title_certificates_no_longer_held(certificate.candidate_id):
            _mark_revoked(title_certificate, actor, reason, because_of=certificate)
            revoked.append(title_certificate)
    return revoked


def _claim_revocation(certificate: Certificate, actor: User, reason: str) -> bool:
    """Only the first of two simultaneous revocations writes (SQLite ignores row locks)."""
    return claim(Certificate, certificate.id, Certificate.revoked_at.is_(None), revoked_at=now(),
                 revoked_by_id=actor.id, revoke_reason=reason)


def _mark_revoked(certificate: Certificate, actor: User, reason: str, because_of: Certificate | None = None):
    certificate.revoked_at = now()
    certificate.revoked_by_id = actor.id
    certificate.revoke_reason = reason
    db.session.flush()
    _record_revocation(certificate, actor, reason, because_of)


def _record_revocation(certificate: Certificate, actor: User, reason: str,
                       because_of: Certificate | None = None) -> None:
    data = {"public_id": certificate.public_id, "status_index": certificate.status_index}
    if because_of is not None:
        data["because_of"] = because_of.public_id
    record(actor, "certificate", certificate.id, "revoke", reason=reason, data=data)


def _title_certificates_no_longer_held(candidate_id: int) -> list[Certificate]:
    """The candidate's valid title certificates whose title lacks a required block now."""
    held = set(held_block_ids(candidate_id))
    certificates = db.session.scalars(
        select(Certificate).join(TitleAward, Certificate.title_award_id == TitleAward.id)
        .where(Certificate.candidate_id == candidate_id, Certificate.revoked_at.is_(None))
        .order_by(Certificate.id)).all()
    return [c for c in certificates
            if not {b.id for b in c.title_award.title.required_blocks} <= held]


def verify_certificate(certificate: Certificate) -> data_integrity.VerifyResult:
    """Re-check the stored proof against the keys we publish (current and retired)."""
    if not certificate.credential_json:
        return data_integrity.VerifyResult(False, "no credential")
    credential = json.loads(certificate.credential_json)
    return data_integrity.verify(credential, did_web.key_resolver(did_document()))


def transcript_of(candidate: User) -> Certificate | None:
    """The candidate's transcript (relevé), if a certificate was ever issued to them."""
    return db.session.scalar(select(Certificate).where(
        Certificate.candidate_id == candidate.id, Certificate.kind == "transcript"))


def ensure_transcript(candidate: User, actor: User | None, moment: datetime) -> Certificate:
    """Issue the candidate's one transcript: a public id whose page lists the blocks held.

    Part of issuing (never of a download), so reading pages never writes.
    """
    existing = transcript_of(candidate)
    if existing is not None:
        return existing
    transcript = Certificate(public_id=new_public_id(), kind="transcript", candidate_id=candidate.id,
                             holder_name=candidate.full_name, issued_at=moment)
    db.session.add(transcript)
    db.session.flush()
    record(actor, "certificate", transcript.id, "issue", data={"kind": "transcript", "public_id": transcript.public_id})
    return transcript
