"""Candidate verbs: explicit arguments, they flush, the route commits once."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from vae.core.audit import record
from vae.core.clock import now
from vae.core.refusal import Refused
from vae.extensions import db
from vae.models import Block, BlockAward, Case, CaseBlock, Experience, SelfAssessment, Title, User
from vae.models.states import CASE_FINAL_STATES
from vae.storage.store import PendingUpload, stored_file_for

FULL_TIME_YEAR_HOURS = 1607
EDITABLE_BLOCK_STATES = ("selected", "documenting")


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


# Why the register closes a title to new applications (Title.closed_reason).
TITLE_CLOSED_REASONS = {
    "inactive": lambda: _("This title is no longer active in the register: no new application."),
    "no_vae": lambda: _("The register does not open this title to VAE: it cannot be applied for."),
    "registration_ended": lambda: _("This title's registration in the register has ended: no new application."),
}


def start_case(candidate: User, title: Title, block_ids: list[int], today: date) -> Case:
    closed = title.closed_reason(today)  # inactive, no VAE in the register, registration ended
    if closed is not None:
        raise Refused(TITLE_CLOSED_REASONS[closed]())
    if open_case_for_title(candidate, title) is not None:
        raise Refused(_("You already have an application in progress for this title."))
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
        raise Refused(_("The application has been sent: this can no longer be changed."))
    allowed = {b.id for b in choosable_blocks(case.candidate, case.title, today)}
    wanted = {i for i in block_ids if i in allowed}
    if not wanted:
        raise Refused(_("Choose at least one block that you can still apply for."))
    keep = [cb for cb in case.blocks if cb.block_id in wanted]
    have = {cb.block_id for cb in keep}
    blocks = {b.id: b for b in case.title.blocks}
    case.blocks = keep + [CaseBlock(block=blocks[i]) for i in sorted(wanted - have, key=lambda i: blocks[i].position)]
    case.last_activity_at = now()
    db.session.flush()


# -- experiences and self-assessment -------------------------------------------
def save_experience(case: Case, experience: Experience | None, *, employer: str, household_employer: bool,
                    role: str, start_date: date, end_date: date | None, hours_per_week: float,
                    activities: str, case_block_ids: list[int], recording: PendingUpload | None = None) -> Experience:
    _require_draft(case)
    if recording is None and not (employer.strip() and role.strip()) and (experience is None or
                                                                         experience.recording_file_id is None):
        raise Refused(_("Give the employer and the job, or describe the experience by voice."))
    if experience is None:
        experience = Experience(case=case)
        db.session.add(experience)
    experience.employer, experience.household_employer, experience.role = employer, household_employer, role
    experience.start_date, experience.end_date = start_date, end_date
    experience.hours_per_week, experience.activities = hours_per_week, activities
    experience.case_blocks = [cb for cb in case.blocks if cb.id in set(case_block_ids)]
    if recording is not None:
        experience.recording = stored_file_for(recording)
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
        raise Refused(_("The application has been sent: this can no longer be changed."))
