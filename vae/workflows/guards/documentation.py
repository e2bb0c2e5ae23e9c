"""Rules of phase 2: the dossier, block by block."""
from __future__ import annotations

from flask_babel import gettext as _

from vae.models.queries import covered_competence_ids, has_open_change_request


def case_admissible(case) -> str | None:
    if case.state != "admissible":
        return _("The application has not been declared admissible.")
    return None


def honour_statement_signed(case_block) -> str | None:
    if case_block.honour_signed_at is None:
        return _("Sign the honour statement first.")
    return None


def uncovered_competences(case_block, covered: set[int]) -> list:
    """The block's competences with no evidence yet (the candidate progress counts the same)."""
    return [c for c in case_block.block.competences if c.id not in covered]


def every_competence_covered(case_block) -> str | None:
    """Each competence has evidence, or the candidate chose to show it at the interview."""
    missing = uncovered_competences(case_block, covered_competence_ids([case_block.id])[case_block.id])
    if missing:
        return _("%(count)d competence(s) have no evidence yet (add some, or choose to show them at "
                 "the interview): %(labels)s", count=len(missing),
                 labels="; ".join(c.label[:80] for c in missing))
    return None


def no_open_change_request(case_block) -> str | None:
    if has_open_change_request(case_block.id):
        return _("Your mentor asked for a change that is not resolved yet.")
    return None
