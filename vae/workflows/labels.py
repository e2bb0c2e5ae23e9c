"""Words shown to people for states, events and requested data (French and English)."""
from __future__ import annotations

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
}

EVENT_LABELS = {
    # case
    "submit": _l("Submit"),
    "declare_admissible": _l("Declare admissible"),
    "admit_by_silence": _l("Admissible by silence"),
    "declare_incomplete": _l("Declare incomplete"),
    "revise": _l("Revise the application"),
    "declare_inadmissible": _l("Declare not admissible"),
    "close": _l("Close"),
    "abandon": _l("Abandon"),
    # case block
    "open_documentation": _l("Open the dossier"),
    "return": _l("Return to documentation"),
    "schedule": _l("Schedule the interview"),
    "cancel_interview": _l("Cancel the interview"),
    "validate": _l("Validate the block"),
    "reject": _l("Do not validate the block"),
    "reopen_decision": _l("Annul the decision"),
    "certify": _l("Certify"),
    "withdraw": _l("Withdraw"),
}

NEED_LABELS = {
    "reason": _l("reason"),
    "rationale": _l("rationale"),
}


def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


def event_label(event: str) -> str:
    return str(EVENT_LABELS.get(event, event))
