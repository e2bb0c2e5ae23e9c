"""Words for the dashboard's figures (French and English)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

FUNNEL_LABELS = {
    "cases_submitted": _l("Applications submitted"),
    "cases_admissible": _l("Applications admissible"),
    "blocks_submitted": _l("Blocks submitted to the jury"),
    "blocks_validated": _l("Blocks validated"),
    "titles_awarded": _l("Full titles awarded"),
}

PHASE_LABELS = {
    "identification": _l("Identification"),
    "admissibility": _l("Admissibility ruling"),
    "documentation": _l("Documentation"),
    "assessment": _l("Assessment"),
    "certification": _l("Certification"),
}
