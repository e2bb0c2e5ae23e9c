"""Words shown to people for states and requested data (French and English).

Events carry their label on the transition (`T(..., label=...)`); `vae.workflows.tables.event_label`."""
from __future__ import annotations

from functools import lru_cache

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

STATE_LABELS = {
    # case
    "draft": _l("Draft"),
    "incomplete": _l("Incomplete"),
    "admissible": _l("Admissible"),
    "inadmissible": _l("Not admissible"),
    "closed": _l("Closed"),
    "abandoned": _l("Abandoned"),
    # case block
    "selected": _l("Selected"),
    "documenting": _l("Dossier in progress"),
    "submitted": _l("Submitted"),
    "scheduled": _l("Interview scheduled"),
    "validated": _l("Validated"),
    "not_validated": _l("Not validated"),
    "certified": _l("Certified"),
    "withdrawn": _l("Withdrawn"),
    # claim to a block by another road
    "declared": _l("Declared"),
    "accepted": _l("Accepted"),
    "refused": _l("Refused"),
}

NEED_LABELS = {
    "reason": _l("reason"),
    "rationale": _l("rationale"),
}


def state_label(state: str) -> str:
    # A list page shows a label per row and per block: translate each once per language.
    return _translated(str(get_locale()), state)


@lru_cache(maxsize=256)
def _translated(locale: str, state: str) -> str:
    return str(STATE_LABELS[state])


def state_labels() -> dict[str, str]:
    """Every state's label in the reader's language, for a list page to read per row
    (`labels[state]`, the locale looked up once per page instead of once per row)."""
    return _every_label(str(get_locale()))


@lru_cache(maxsize=16)
def _every_label(locale: str) -> dict[str, str]:
    return {state: _translated(locale, state) for state in STATE_LABELS}

