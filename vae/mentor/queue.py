"""The mentor's queue: assigned cases, oldest activity first, with per-block progress.

One page at a time: the progress is computed for the blocks of that page only, so the
queries and their IN lists stay the same size however many cases the mentor follows.
"""
from __future__ import annotations

from datetime import datetime

from flask import request

from vae.core.access import visible_cases
from vae.core.keyset import Key, keyset_page
from vae.core.row_loading import case_person, case_title
from vae.dossier.progress import progress_for
from vae.models import Case, User
from vae.models.queries import block_chips

ACTIVE_STATES = ("draft", "submitted", "incomplete", "admissible")
PAGE_SIZE = 30
OLDEST_ACTIVITY = (Key(Case.last_activity_at, lambda c: c.last_activity_at, datetime),
                   Key(Case.id, lambda c: c.id, int))


def mentor_queue(mentor: User):
    """The keyset page of the query string, its cases' blocks (case id → chips) and their progress."""
    pagination = keyset_page(
        visible_cases(mentor).where(Case.mentor_id == mentor.id, Case.state.in_(ACTIVE_STATES))
        # Title and candidate in the page's own statement, the blocks with their block rows in one more.
        .options(case_title(), case_person(Case.candidate)),
        OLDEST_ACTIVITY, PAGE_SIZE, request.args, count=False)  # the page shows no total: no COUNT
    # The blocks as rows with their session's state: a mentor reads a decision once it is signed.
    chips = block_chips((case.id for case in pagination.items), with_session_state=True)
    return pagination, chips, progress_for([chip for case_chips in chips.values() for chip in case_chips])
