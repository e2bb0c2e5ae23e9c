"""Admissibility: the 2-month clock, and assigning a mentor."""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import select

from vae.core.audit import record
from vae.core.clock import now
from vae.extensions import db
from vae.models import Block, Case, User, UserRole
from vae.models.queries import case_block_columns
from vae.models.users import full_name
from vae.models.states import MENTOR


def days_left(submitted_at: datetime | None) -> int | None:
    """Days before silence makes the case admissible by law (negative: overdue)."""
    if submitted_at is None:
        return None
    return current_app.config["ADMISSIBILITY_SILENCE_DAYS"] - (now() - submitted_at).days


def mentor_choices() -> list[tuple[int, str]]:
    """(id, name) of every active mentor, by name: what the assignment list shows, read as columns
    (loading 2,000 mentors as people with their roles took half a second at 100k cases)."""
    rows = db.session.execute(
        select(User.id, User.first_name, User.last_name).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == MENTOR, User.active.is_(True)).order_by(User.last_name, User.first_name, User.id))
    return [(user_id, full_name(first, last)) for user_id, first, last in rows]


def assign_mentor(case: Case, mentor: User | None, actor: User) -> None:
    before = case.mentor_id
    case.mentor = mentor
    record(actor, "case", case.id, "mentor_assigned", case_id=case.id,
           data={"before": before, "after": mentor.id if mentor else None})
    db.session.flush()


def block_codes(case_ids) -> dict[int, list[str]]:
    """The codes of each case's chosen blocks, in the order the case lists them (one query, no ORM rows)."""
    return {case_id: [code for (code,) in rows] for case_id, rows in case_block_columns(case_ids, Block.code).items()}
