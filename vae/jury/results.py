"""The case-level result of an interview, in the legal categories, and the notification deadline.

- held: total success (every block presented validated), partial success (some),
  failure (none); undecided while a block still waits for its decision;
- absent / excused: the candidate was not assessed. In both cases the blocks go back
  to `submitted` (BLOCK "cancel_interview"), so the admin can book a new slot; the
  category is kept on the interview and reported to the candidate like a decision.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from vae.core.clock import now
from vae.extensions import db
from vae.models import BlockDecision, Interview

RESULT_LABELS = {
    "total_success": _l("Total success"),
    "partial_success": _l("Partial success"),
    "failure": _l("Failure"),
    "absent": _l("Absent"),
    "excused": _l("Excused"),
    "pending": _l("Awaiting decision"),
}


def decisions_of(interview: Interview) -> list[BlockDecision]:
    return list(db.session.scalars(
        select(BlockDecision).where(BlockDecision.interview_id == interview.id,
                                    BlockDecision.revoked_at.is_(None)).order_by(BlockDecision.id)))


def result_of(interview: Interview) -> str:
    if interview.outcome in ("absent", "excused"):
        return interview.outcome
    if interview.outcome != "held":
        return "pending"
    decisions = decisions_of(interview)
    if not decisions or len(decisions) < len(interview.case_blocks):
        return "pending"
    validated = sum(1 for d in decisions if d.decision == "validated")
    if validated == len(decisions):
        return "total_success"
    return "partial_success" if validated else "failure"


@dataclass
class ToNotify:
    interview: Interview
    result: str
    days_left: int


def results_to_notify(session) -> list[ToNotify]:
    """Interviews whose result is known and not yet sent to the candidate, with the days left."""
    days = current_app.config["RESULT_NOTIFICATION_DAYS"]
    pending = []
    for interview in session.interviews:
        if interview.result_notified_at is not None or interview.outcome == "pending":
            continue
        result = result_of(interview)
        if result == "pending":
            continue
        since = interview.outcome_recorded_at or now()
        left = (since + timedelta(days=days) - now()).days
        pending.append(ToNotify(interview, result, left))
    return pending
