"""The two small state machines of accompaniment, as tables: (state, event) -> next state.

Anything not in a table is refused; every move is audited by `move()`.
"""
from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _

from vae.core.audit import record
from vae.core.refusal import Refused
from vae.models import User

MEETING_MOVES = {
    ("scheduled", "hold"): "held",
    ("scheduled", "cancel"): "cancelled",
}

PROPOSAL_MOVES = {
    ("proposed", "confirm"): "confirmed",  # the candidate: "c'est bien ce que j'ai dit"
    ("proposed", "refuse"): "refused",  # the candidate, with an optional reason
    ("proposed", "change"): "proposed",  # the candidate or the mentor rewrites it
    ("refused", "change"): "proposed",  # the mentor proposes it again, changed
}


def move(obj, table: dict, event: str, actor: User, *, subject_type: str, case_id: int | None = None,
         case_ids: Iterable[int] = (), reason: str | None = None, data: dict | None = None) -> None:
    """One audit event per case concerned (a group meeting's move is in every attendee's history)."""
    target = table.get((obj.state, event))
    if target is None:
        raise Refused(_("This is no longer possible: the page was out of date."))
    from_state, obj.state = obj.state, target
    for each in dict.fromkeys([*([case_id] if case_id is not None else []), *case_ids]):
        record(actor, subject_type, obj.id, event, case_id=each, from_state=from_state, to_state=target,
               reason=reason or None, data=data)
