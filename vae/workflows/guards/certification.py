"""Rules of phase 4: awards and certificates."""
from __future__ import annotations

from flask_babel import gettext as _


def award_not_certified(ctx) -> str | None:
    """A decision whose award already has a certificate cannot be reopened: revoke it instead."""
    from vae.certification.awards import awards_earned_by, has_certificate

    earned = awards_earned_by(ctx.obj)
    if earned.block_award is not None and has_certificate(block_award=earned.block_award):
        return _("A certificate was already issued for this block: revoke it first.")
    if any(has_certificate(title_award=t) for t in earned.title_awards):
        return _("A title certificate rests on this block: revoke it first.")
    return None


def jury_session_signed(ctx) -> str | None:
    interview = ctx.obj.interview
    if interview is None or interview.session.state != "signed":
        return _("The jury's minutes are not signed yet.")
    return None
