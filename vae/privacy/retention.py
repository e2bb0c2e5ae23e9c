"""Erasing the personal data of abandoned cases after the retention period.

What goes: the dossier's content (experiences, self-assessments, evidence and their
files, mentor annotations); and, when the person has nothing else with us (no other
live case, no award, no certificate), their account's identity.
What stays: the case skeleton (title, blocks, states, dates), jury decisions,
awards and issued credentials (they must stay verifiable), and the audit journal
(append-only, the legal trail).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import delete, exists, select

from vae.core.audit import record
from vae.core.clock import now
from vae.extensions import db
from vae.models import (
    Annotation, AssistedProposal, BlockAward, Case, CaseBlock, Certificate, Evidence, Experience, MeetingAttendee,
    OutboxMessage, SelfAssessment, StoredFile, User,
)
from vae.privacy.files import PathResolver, default_path_of


@dataclass
class ErasureReport:
    case_ids: list[int] = field(default_factory=list)
    user_ids: list[int] = field(default_factory=list)
    files_to_unlink: list[Path] = field(default_factory=list)  # removed by the caller after commit


def expired_abandoned_cases(retention_days: int) -> list[Case]:
    cutoff = now() - timedelta(days=retention_days)
    return list(db.session.scalars(select(Case).where(
        Case.state == "abandoned", Case.personal_data_erased_at.is_(None),
        Case.last_activity_at < cutoff).order_by(Case.id)))


def erase_case_personal_data(case: Case, report: ErasureReport, resolve_path: PathResolver) -> None:
    block_ids = select(CaseBlock.id).where(CaseBlock.case_id == case.id).scalar_subquery()
    file_ids = set(db.session.scalars(select(Evidence.file_id).where(
        Evidence.case_block_id.in_(block_ids), Evidence.file_id.is_not(None))))
    # Recordings too: answers given by voice, the mentor's assisted entries, experiences described by voice.
    file_ids |= set(db.session.scalars(select(Annotation.file_id).where(
        Annotation.case_block_id.in_(block_ids), Annotation.file_id.is_not(None))))
    file_ids |= set(db.session.scalars(select(AssistedProposal.file_id).where(
        AssistedProposal.case_block_id.in_(block_ids), AssistedProposal.file_id.is_not(None))))
    file_ids |= {e.recording_file_id for e in case.experiences if e.recording_file_id}
    db.session.execute(delete(AssistedProposal).where(AssistedProposal.case_block_id.in_(block_ids)))
    # The meeting stays (its hours are reported); the mentor's note about this candidate goes.
    for attendee in db.session.scalars(select(MeetingAttendee).where(MeetingAttendee.case_id == case.id)):
        attendee.note = ""
    db.session.execute(delete(Annotation).where(Annotation.case_block_id.in_(block_ids)))
    db.session.execute(delete(Evidence).where(Evidence.case_block_id.in_(block_ids)))
    db.session.execute(delete(SelfAssessment).where(SelfAssessment.case_block_id.in_(block_ids)))
    for experience in list(case.experiences):
        db.session.delete(experience)
    db.session.flush()
    # A file's bytes go only when no other evidence (of anyone) still points at them.
    for stored in db.session.scalars(select(StoredFile).where(StoredFile.id.in_(file_ids))):
        if not any(db.session.scalar(select(exists().where(column == stored.id))) for column in (
                Evidence.file_id, Annotation.file_id, AssistedProposal.file_id, Experience.recording_file_id)):
            report.files_to_unlink.append(resolve_path(stored))
            db.session.delete(stored)
    case.personal_data_erased_at = now()
    record(None, "case", case.id, "personal_data_erased", case_id=case.id)
    report.case_ids.append(case.id)


def _holds_nothing_else(user: User) -> bool:
    live_case = exists().where(Case.candidate_id == user.id, Case.personal_data_erased_at.is_(None))
    award = exists().where(BlockAward.candidate_id == user.id)
    certificate = exists().where(Certificate.candidate_id == user.id)
    return not any(db.session.scalar(select(q)) for q in (live_case, award, certificate))


def pseudonymise_user(user: User) -> None:
    user.first_name = ""
    user.last_name = f"erased-{user.id}"
    user.email = f"erased-{user.id}@invalid"
    user.phone = None
    user.password_hash = None
    user.active = False
    user.renew_session_nonce()
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.recipient_id == user.id))
    record(None, "user", user.id, "personal_data_erased")


def erase_expired_personal_data(retention_days: int,
                                resolve_path: PathResolver = default_path_of) -> ErasureReport:
    report = ErasureReport()
    candidates: dict[int, User] = {}
    for case in expired_abandoned_cases(retention_days):
        erase_case_personal_data(case, report, resolve_path)
        candidates[case.candidate.id] = case.candidate
    db.session.flush()
    for user in candidates.values():
        if user.active and not user.roles - {"candidate"} and _holds_nothing_else(user):
            pseudonymise_user(user)
            report.user_ids.append(user.id)
    db.session.flush()
    return report
