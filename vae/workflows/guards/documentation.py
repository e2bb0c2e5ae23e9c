"""Rules of phase 2: the dossier, block by block."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import exists, select

from vae.extensions import db


def case_admissible(ctx) -> str | None:
    if ctx.case.state != "admissible":
        return _("The application has not been declared admissible.")
    return None


def honour_statement_signed(ctx) -> str | None:
    if ctx.obj.honour_signed_at is None:
        return _("Sign the honour statement first.")
    return None


def every_competence_covered(ctx) -> str | None:
    """Each competence has evidence, or the candidate chose to show it at the interview."""
    from vae.models import Evidence

    covered = set(db.session.scalars(
        select(Evidence.competence_id).where(Evidence.case_block_id == ctx.obj.id,
                                             Evidence.competence_id.is_not(None))))
    missing = [c for c in ctx.obj.block.competences if c.id not in covered]
    if missing:
        return _("%(count)d competence(s) have no evidence yet (add some, or choose to show them at "
                 "the interview): %(labels)s", count=len(missing),
                 labels="; ".join(c.label[:80] for c in missing))
    return None


def no_open_change_request(ctx) -> str | None:
    from vae.models import Annotation

    if db.session.scalar(select(exists().where(
            Annotation.case_block_id == ctx.obj.id, Annotation.kind == "change_request",
            Annotation.parent_id.is_(None), Annotation.resolved_at.is_(None)))):
        return _("Your mentor asked for a change that is not resolved yet.")
    return None
