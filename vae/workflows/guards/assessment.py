"""Rules of phase 3: interviews and decisions."""
from __future__ import annotations

from flask_babel import gettext as _


def interview_booked(ctx) -> str | None:
    interview = ctx.obj.interview
    if interview is None or interview.state != "scheduled":
        return _("Book an interview slot first.")
    return None


def interview_held(ctx) -> str | None:
    interview = ctx.obj.interview
    if interview is None or interview.outcome != "held":
        return _("Record that the interview was held first.")
    return None
