"""The mentor's queue: assigned cases, oldest activity first, with per-block progress.

One page at a time: the progress is computed for the blocks of that page only, so the
queries and their IN lists stay the same size however many cases the mentor follows.
"""
from __future__ import annotations

from datetime import datetime

from flask import request
from sqlalchemy.orm import selectinload

from vae.core.access import visible_cases
from vae.core.keyset import Key, keyset_page
from vae.core.row_loading import block_of, case_person, case_title
from vae.dossier.progress import progress_for
from vae.models import Case, User

ACTIVE_STATES = ("draft", "submitted", "incomplete", "admissible")
PAGE_SIZE = 30
OLDEST_ACTIVITY = (Key(Case.last_activity_at, lambda c: c.last_activity_at, datetime),
                   Key(Case.id, lambda c: c.id, int))


def mentor_queue(mentor: User):
    """The keyset page of the query string, and the progress of its blocks."""
    pagination = keyset_page(
        visible_cases(mentor).where(Case.mentor_id == mentor.id, Case.state.in_(ACTIVE_STATES))
        # Title and candidate in the page's own statement, the blocks with their block rows in one more.
        .options(block_of(selectinload(Case.blocks)), case_title(), case_person(Case.candidate)),
        OLDEST_ACTIVITY, PAGE_SIZE, request.args, count=False)  # the page shows no total: no COUNT
    return pagination, progress_for([cb for case in pagination.items for cb in case.blocks])
