"""Admissibility: the 2-month clock, and assigning a mentor."""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import false, or_, select

from vae.core.audit import record
from vae.core.clock import now
from vae.extensions import db
from vae.models import Block, Case, User, UserRole
from vae.models.queries import case_block_columns, people_matching
from vae.models.users import full_name
from vae.models.states import MENTOR


def days_left(submitted_at: datetime | None) -> int | None:
    """Days before silence makes the case admissible by law (negative: overdue)."""
    if submitted_at is None:
        return None
    return current_app.config["ADMISSIBILITY_SILENCE_DAYS"] - (now() - submitted_at).days


# Past this many active mentors the assignment list shows those a search finds, not all of them
# (a national certifier has thousands; 2,000 options took ~100 ms to write and are no use to read).
MENTOR_CHOICES = 200


def mentor_choices(search: str = "", *, keep: int | None = None) -> tuple[list[tuple[int, str]], bool]:
    """(id, name) of the active mentors to offer, by name, and whether there are too many to list.

    Too many: only those whose name or address matches `search`, and the mentor `keep` (the case's
    own, or the one just chosen). Read as columns: loading 2,000 mentors as people with their roles
    took half a second at 100k cases."""
    mentors = (select(User.id, User.first_name, User.last_name).join(UserRole, UserRole.user_id == User.id)
               .where(UserRole.role == MENTOR, User.active.is_(True))
               .order_by(User.last_name, User.first_name, User.id))
    rows = db.session.execute(mentors.limit(MENTOR_CHOICES + 1)).all()
    too_many = len(rows) > MENTOR_CHOICES
    if too_many:
        wanted = [User.id == keep] if keep else []
        if search.strip():
            wanted.append(people_matching(search.strip()[:100]))
        rows = db.session.execute(mentors.where(or_(false(), *wanted)).limit(MENTOR_CHOICES)).all()
    return [(user_id, full_name(first, last)) for user_id, first, last in rows], too_many


def assign_mentor(case: Case, mentor: User | None, actor: User) -> None:
    before = case.mentor_id
    case.mentor = mentor
    record(actor, "case", case.id, "mentor_assigned", case_id=case.id,
           data={"before": before, "after": mentor.id if mentor else None})
    db.session.flush()


def block_codes(case_ids) -> dict[int, list[str]]:
    """The codes of each case's chosen blocks, in the order the case lists them (one query, no ORM rows)."""
    return {case_id: [code for (code,) in rows] for case_id, rows in case_block_columns(case_ids, Block.code).items()}
