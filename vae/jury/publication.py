"""A jury's decision reaches the candidate only once the president has signed the session.

Between the decision and the signature the candidate (and their mentor) still read the block
as "interview booked": every page and the data export ask here what they may show.
"""
from __future__ import annotations

from operator import attrgetter

from flask_login import current_user

DECIDED = ("validated", "not_validated")


def decision_published(case_block) -> bool:
    """False while the block is decided by a session not signed yet."""
    if case_block.state not in DECIDED:
        return True
    interview = case_block.interview
    return _shown(case_block.state, interview.session.state if interview is not None else None)


def _shown(state: str, session_state: str | None) -> bool:
    return state not in DECIDED or session_state in (None, "signed")


def published_block_state(case_block) -> str:
    return case_block.state if decision_published(case_block) else "scheduled"


def published_chip_state(chip) -> str:
    """`published_block_state` of a block read as columns with its session's state (`BlockChip`)."""
    return chip.state if _shown(chip.state, chip.session_state) else "scheduled"


def published_case_state(case) -> str:
    """A case that closed on an unsigned refusal still reads as under way."""
    if case.state == "closed" and not all(decision_published(cb) for cb in case.blocks):
        return "admissible"
    return case.state


def award_published(award) -> bool:
    """A block award from a jury shows once the session that decided it is signed."""
    if award.source != "jury" or award.case_block is None:
        return True
    return award.case_block.state == "certified" or decision_published(award.case_block)


def state_reader():
    """`state_seen` for the rows of one page: certifier staff read the real state, so the
    person's roles are checked once per page instead of once per row and block."""
    return attrgetter("state") if _certifier_staff(current_user._get_current_object()) else state_seen


def chip_state_reader():
    """`state_reader` for block chips read with their session's state (vae.models.queries.block_chips)."""
    return attrgetter("state") if _certifier_staff(current_user._get_current_object()) else published_chip_state


def _certifier_staff(user) -> bool:
    """Certifier staff see every real state: no need to look up the person's relations row by row."""
    from vae.models.states import ADMIN

    return user.is_authenticated and user.active and user.has_role(ADMIN)


def state_seen(obj) -> str:
    """The state the signed-in person may read: the real one for certifier staff and the jury."""
    from vae.core.access import relations_to
    from vae.models import CaseBlock
    from vae.models.states import ADMIN, JURY

    user = current_user._get_current_object()
    if _certifier_staff(user) or (user.is_authenticated and relations_to(user, obj) & {ADMIN, JURY}):
        return obj.state
    return published_block_state(obj) if isinstance(obj, CaseBlock) else published_case_state(obj)
