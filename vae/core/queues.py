"""What waits for each person, by role: the content of their home page."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vae.core.access import visible_cases
from vae.extensions import db
from vae.models import Case, CaseBlock, JuryMember, JurySession, User
from vae.models.states import ADMIN, CANDIDATE, JURY, MENTOR


@dataclass
class Queue:
    role: str
    cases: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    open_items: int = 0  # a candidate's unresolved mentor questions and change requests


def _cases(query) -> list[Case]:
    return list(db.session.scalars(
        query.options(selectinload(Case.blocks).selectinload(CaseBlock.block),
                      selectinload(Case.title), selectinload(Case.candidate))
    ))


def for_user(user: User) -> list[Queue]:
    queues = []
    if user.has_role(CANDIDATE):
        cases = _cases(select(Case).where(Case.candidate_id == user.id).order_by(Case.created_at.desc()))
        queues.append(Queue(CANDIDATE, cases=cases, open_items=_open_items(user)))
    if user.has_role(MENTOR):
        queues.append(Queue(MENTOR, cases=_cases(
            select(Case).where(Case.mentor_id == user.id,
                               Case.state.in_(("draft", "submitted", "incomplete", "admissible")))
            .order_by(Case.last_activity_at))))
    if user.has_role(JURY):
        sessions = db.session.scalars(
            select(JurySession).join(JuryMember).where(JuryMember.user_id == user.id,
                                                       JurySession.state == "planned")
            .order_by(JurySession.starts_at)
        ).all()
        queues.append(Queue(JURY, sessions=list(sessions)))
    if user.has_role(ADMIN):
        queues.append(Queue(ADMIN, cases=_cases(
            visible_cases(user).where(Case.state == "submitted").order_by(Case.submitted_at))))
    return queues


def _open_items(candidate: User) -> int:
    from sqlalchemy import func

    from vae.models import Annotation

    return db.session.scalar(
        select(func.count(Annotation.id)).join(CaseBlock, Annotation.case_block_id == CaseBlock.id)
        .join(Case, CaseBlock.case_id == Case.id)
        .where(Case.candidate_id == candidate.id, Annotation.parent_id.is_(None),
               Annotation.resolved_at.is_(None), Annotation.kind.in_(("question", "change_request")))) or 0
