"""The words a person reads for the jury's enumerated values, and times as a person writes them.

Pages and the minutes never show a raw value (`practising_professional`, `demonstrated`…):
they go through `jury_label(kind, value)`; times read "07/12/2026 à 09:00" (`when` filter).
"""
from __future__ import annotations

from datetime import datetime

from flask_babel import format_date, format_time
from flask_babel import gettext as _

from vae.jury.forms import (
    DECISION_CHOICES,
    IDENTITY_CHOICES,
    LEVEL_CHOICES,
    LINK_CHOICES,
    OUTCOME_CHOICES,
    QUALIFICATION_CHOICES,
)

LABELS = {
    "qualification": dict(QUALIFICATION_CHOICES),
    "level": dict(LEVEL_CHOICES),
    "decision": dict(DECISION_CHOICES),
    "outcome": dict(OUTCOME_CHOICES),
    "identity": dict(IDENTITY_CHOICES),
    "link": dict(LINK_CHOICES),
}


def jury_label(kind: str, value: str | None) -> str:
    """The translated words for one value; an unknown value shows as a dash, never raw."""
    label = LABELS[kind].get(value or "")
    return str(label) if label is not None else "—"


def when(value: datetime | None) -> str:
    """07/12/2026 à 09:00 in the certifier's time zone (no seconds, no offset)."""
    if value is None:
        return ""
    return _("%(date)s at %(time)s", date=format_date(value, "dd/MM/yyyy"), time=format_time(value, "HH:mm"))
