"""Candidate verbs: explicit arguments, they flush, the route commits once."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from vae.auth import operations as auth_operations
from vae.auth.operations import create_user
from vae.core.audit import record
from vae.core.clock import now
from vae.extensions import db
from vae.models import (Block, BlockAward, Case, CaseBlock, Competence, Evidence, Experience,
                        SelfAssessment, Title, User)
from vae.models.states import CANDIDATE, CASE_FINAL_STATES
from vae.notify.outbox import queue_mail
from vae.storage.store import PendingUpload, stored_file_for

FULL_TIME_YEAR_HOURS = 1607
EDITABLE_BLOCK_STATES = ("selected", "documenting")


class NotAllowed(ValueError):
    """A request the page should not have offered; the message is shown."""


# -- account ------------------------------------------------------------------
def sign_up(*, email: str, first_name: str, last_name: str, phone: str | None, locale: str,
            password: str) -> User:
    user = create_user(email=email, first_name=first_name, last_name=last_name, roles=[CANDIDATE],
                       locale=locale, password=password)
    user.phone = (phone or "").strip() or None
    send_confirmation(user)
    db.session.flush()
    return user


send_confirmation = auth_operations.send_confirmation  # kept here for the callers of this module


def confirm_email(user: User) -> None:
    if user.email_confirmed_at is None:
        user.email_confirmed_at = now()
        record(user, "user", user.id, "email_confirmed")
    db.session.flush()


def update_profile(user: User, *, first_name: str, last_name: str, phone: str | None, locale: str) -> None:
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.phone = (phone or "").strip() or None
    user.locale = locale
    record(user, "user", user.id, "profile_updated")
    db.session.flush()


# -- choosing blocks ----------------------------------------------------------
def held_block_ids(candidate: User) -> set[int]:
    return set(db.session.scalars(select(BlockAward.block_id).where(BlockAward.candidate_id == candidate.id)))


def open_case_for_title(candidate: User, title: Title) -> Case | None:
    return db.session.scalar(select(Case).where(
        Case.candidate_id == candidate.id, Case.title_id == title.id, Case.state.not_in(CASE_FINAL_STATES)))


def choosable_blocks(candidate: User, title: Title, today: date) -> list[Block]:
    if not title.open_to_candidates(today):
        return []
    held = held_block_ids(candidate)
    return [b for b in title.blocks if b.id not in held]


def start_case(candidate: User, title: Title, block_ids: list[int], today: date) -> Case:
    if open_case_for_title(candidate, title) is not None:
        raise NotAllowed("open_case")
    case = Case(candidate=candidate, title=title)
    db.session.add(case)
    db.session.flush()  # the table's initial state is applied on insert
    set_case_blocks(case, block_ids, today)
    db.session.flush()
    record(candidate, "case", case.id, "case_started", case_id=case.id)
    return case


def set_case_blocks(case: Case, block_ids: list[int], today: date) -> None:
    """While the case is a draft, choosing blocks only adds or removes rows (no state change)."""
    if case.state != "draft":
        raise NotAllowed("not_draft")
    allowed = {b.id for b in choosable_blocks(case.candidate, case.title, today)}
    wanted = {i for i in block_ids if i in allowed}
    if not wanted:
        raise NotAllowed("no_block")
    keep = [cb for cb in case.blocks if cb.block_id in wanted]
    have = {cb.block_id for cb in keep}
    blocks = {b.id: b for b in case.title.blocks}
    case.blocks = keep + [CaseBlock(block=blocks[i]) for i in sorted(wanted - have, key=lambda i: blocks[i].position)]
    case.last_activity_at = now()
    db.session.flush()


# -- experiences and self-assessment -------------------------------------------
def save_experience(case: Case, experience: Experience | None, *, employer: str, household_employer: bool,
                    role: str, start_date: date, end_date: date | None, hours_per_week: float,
                    activities: str, case_block_ids: list[int]) -> Experience:
    _require_draft(case)
    if experience is None:
        experience = Experience(case=case)
        db.session.add(experience)
    experience.employer, experience.household_employer, experience.role = employer, household_employer, role
    experience.start_date, experience.end_date = start_date, end_date
    experience.hours_per_week, experience.activities = hours_per_week, activities
    experience.case_blocks = [cb for cb in case.blocks if cb.id in set(case_block_ids)]
    case.last_activity_at = now()
    db.session.flush()
    return experience


def delete_experience(case: Case, experience: Experience) -> None:
    _require_draft(case)
    db.session.delete(experience)
    db.session.flush()


def experience_hours(experience: Experience, today: date) -> float:
    end = experience.end_date or today
    weeks = max(0, (end - experience.start_date).days) / 7
    return round(weeks * experience.hours_per_week)


def relevant_hours(case: Case, today: date) -> int:
    """Hours of experiences linked to at least one chosen block (guidance against 1,607 h)."""
    return int(sum(experience_hours(e, today) for e in case.experiences if e.case_blocks))


def save_self_assessment(case_block: CaseBlock, levels: dict[int, str]) -> None:
    _require_draft(case_block.case)
    existing = {s.competence_id: s for s in case_block.self_assessments}
    for competence in case_block.block.competences:
        level = levels.get(competence.id)
        if not level:
            continue
        if competence.id in existing:
            existing[competence.id].level = level
        else:
            case_block.self_assessments.append(SelfAssessment(competence=competence, level=level))
    db.session.flush()


def _require_draft(case: Case) -> None:
    if case.state != "draft":
        raise NotAllowed("not_draft")


# -- the dossier --------------------------------------------------------------
def _require_documenting(case_block: CaseBlock) -> None:
    if case_block.state != "documenting":
        raise NotAllowed("not_documenting")


def _competence_of(case_block: CaseBlock, competence_id: int | None) -> Competence | None:
    if competence_id is None:
        return None
    found = next((c for c in case_block.block.competences if c.id == competence_id), None)
    if found is None:
        raise NotAllowed("competence")
    return found


def add_evidence(case_block: CaseBlock, author: User, *, kind: str, competence_id: int | None, title: str,
                 body: str, upload: PendingUpload | None) -> Evidence:
    _require_documenting(case_block)
    evidence = Evidence(case_block=case_block, competence=_competence_of(case_block, competence_id), kind=kind,
                        title=title.strip(), body=body.strip(), created_by=author)
    if upload is not None:
        evidence.file = stored_file_for(upload)
        evidence.original_filename = upload.original_filename or None
    db.session.add(evidence)
    case_block.case.last_activity_at = now()
    db.session.flush()
    record(author, "evidence", evidence.id, "evidence_added", case_id=case_block.case_id,
           data={"kind": kind, "case_block_id": case_block.id})
    return evidence


def update_evidence(evidence: Evidence, author: User, *, title: str, body: str, competence_id: int | None) -> None:
    _require_documenting(evidence.case_block)
    evidence.title, evidence.body = title.strip(), body.strip()
    evidence.competence = _competence_of(evidence.case_block, competence_id)
    evidence.case_block.case.last_activity_at = now()
    record(author, "evidence", evidence.id, "evidence_updated", case_id=evidence.case_block.case_id)
    db.session.flush()


def remove_evidence(evidence: Evidence, author: User) -> None:
    _require_documenting(evidence.case_block)
    record(author, "evidence", evidence.id, "evidence_removed", case_id=evidence.case_block.case_id)
    db.session.delete(evidence)
    db.session.flush()


def sign_honour_statement(case_block: CaseBlock) -> None:
    case_block.honour_signed_at = now()
    db.session.flush()
