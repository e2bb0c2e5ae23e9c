"""Rules of phase 1: choosing blocks and ruling on admissibility."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _

from vae.core.clock import now


def case_has_blocks(case) -> str | None:
    if not case.blocks:
        return _("Choose at least one block of competences.")
    return None


def candidate_email_confirmed(case) -> str | None:
    """The certifier writes to this address (admissibility, convocation, result): it must be read."""
    if case.candidate.email_confirmed_at is None:
        return _("Confirm your e-mail address first, with the link we sent you (you can ask for a new one "
                 "on this page).")
    return None


def case_has_experience(case) -> str | None:
    if not case.experiences:
        return _("Describe at least one experience.")
    return None


def admissibility_silence_expired(case) -> str | None:
    """The law: no answer within two months means the case is admissible."""
    submitted = case.submitted_at
    days = current_app.config["ADMISSIBILITY_SILENCE_DAYS"]
    if submitted is None or now() - submitted < timedelta(days=days):
        return _("The admissibility period has not run out yet.")
    return None


def every_block_closed(case) -> str | None:
    if not case.every_block_closed:
        return _("Some blocks are still in progress.")
    return None


def no_block_in_assessment(case) -> str | None:
    if any(b.state == "scheduled" for b in case.blocks):
        return _("An interview is scheduled: cancel it first.")
    return None
