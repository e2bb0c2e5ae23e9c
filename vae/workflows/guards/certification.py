"""Rules of phase 4: awards and certificates."""
from __future__ import annotations

from flask_babel import gettext as _

from vae.awards import awards_earned_by, has_certificate

from vae.workflows.guards.assessment import session_signed


def award_not_certified(case_block) -> str | None:
    """A decision whose award already has a certificate cannot be reopened: revoke it instead."""
    earned = awards_earned_by(case_block)
    if earned.block_award is not None and has_certificate(block_award=earned.block_award):
        return _("A certificate was already issued for this block: revoke it first.")
    if any(has_certificate(title_award=t) for t in earned.title_awards):
        return _("A title certificate rests on this block: revoke it first.")
    return None


def minutes_signed(session) -> str | None:
    """Certificates rest on signed minutes (the batch page asks the same question of a session)."""
    if session is None or not session_signed(session):
        return _("The jury's minutes are not signed yet.")
    return None


def jury_session_signed(case_block) -> str | None:
    interview = case_block.interview
    return minutes_signed(interview.session if interview is not None else None)
