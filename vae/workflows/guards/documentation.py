"""Rules of phase 2: the dossier, block by block."""
from __future__ import annotations

from flask_babel import gettext as _


def case_admissible(ctx) -> str | None:
    if ctx.case.state != "admissible":
        return _("The application has not been declared admissible.")
    return None


def honour_statement_signed(ctx) -> str | None:
    if ctx.obj.honour_signed_at is None:
        return _("Sign the honour statement first.")
    return None
