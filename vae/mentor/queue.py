"""The mentor's queue: assigned cases, oldest activity first, with per-block progress."""
from __future__ import annotations


from sqlalchemy.orm import selectinload

from vae.dossier.progress import progress_for
from vae.core.access import visible_cases
from vae.extensions import db
from vae.models import Case, CaseBlock, User

ACTIVE_STATES = ("draft", "submitted", "incomplete", "admissible")


def mentor_queue(mentor: User) -> tuple[list[Case], dict]:
    cases = list(db.session.scalars(
        visible_cases(mentor).where(Case.mentor_id == mentor.id, Case.state.in_(ACTIVE_STATES))
        .options(selectinload(Case.blocks).selectinload(CaseBlock.block), selectinload(Case.title),
                 selectinload(Case.candidate))
        .order_by(Case.last_activity_at, Case.id)))
    return cases, progress_for([cb for case in cases for cb in case.blocks])



