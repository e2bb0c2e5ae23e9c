"""The four phases of a VAE, and the phase each state belongs to (the one place that says so)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from vae.models.states import BLOCK_STATES, CASE_STATES

PHASES = ("identification", "documentation", "assessment", "certification")
PHASE_LABELS = {
    "identification": _l("Identification"),
    "documentation": _l("Documentation"),
    "assessment": _l("Assessment"),
    "certification": _l("Certification"),
}

# The case itself lives in phase 1 (choosing blocks, admissibility); its blocks carry the rest.
PHASE_OF_CASE_STATE = {state: "identification" for state in CASE_STATES}
PHASE_OF_BLOCK_STATE = {
    "selected": "identification",
    "documenting": "documentation",
    "submitted": "documentation",
    "scheduled": "assessment",
    "validated": "certification",
    "not_validated": "certification",
    "certified": "certification",
    "withdrawn": "identification",
}
assert set(PHASE_OF_BLOCK_STATE) == set(BLOCK_STATES)


def phase_of(case_block) -> str:
    return PHASE_OF_BLOCK_STATE[case_block.state]
