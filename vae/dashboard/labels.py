"""Words for the dashboard's figures (French and English)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from vae.workflows.phases import PHASE_LABELS as WORKFLOW_PHASE_LABELS

FUNNEL_LABELS = {
    "cases_submitted": _l("Applications submitted"),
    "cases_admissible": _l("Applications admissible"),
    "blocks_submitted": _l("Blocks submitted to the jury"),
    "blocks_validated": _l("Blocks validated"),
    "titles_awarded": _l("Full titles awarded"),
}

# The four phases, with the admissibility ruling (inside identification) measured on its own.
PHASE_LABELS = {**WORKFLOW_PHASE_LABELS, "admissibility": _l("Admissibility ruling")}
