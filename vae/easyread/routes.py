"""The easy-read toggle (a POST form in the header, no JavaScript) and what the templates need to show the mode."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from vae.core.access import visible_cases
from vae.easyread import preference
from vae.easyread.next_step import NextStep, next_step, no_case_step, visitor_step
from vae.extensions import db
from vae.models import Case
from vae.models.states import CANDIDATE, CASE_FINAL_STATES
from vae.security.redirects import safe_local_path
from vae.workflows.phases import PHASE_LABELS, PHASES

bp = Blueprint("easyread", __name__)


@bp.record_once
def _carry_the_visitors_choice(_state) -> None:
    preference.connect()


@bp.post("/easy-read")
def toggle():
    form = FlaskForm()
    choice = request.form.get("easy_read", "")
    response = redirect(safe_local_path(request.form.get("next")) or url_for("home.index"))
    if not form.validate_on_submit() or choice not in ("on", "off"):
        abort(400)
    preference.remember(choice == "on", response)
    db.session.commit()
    return response


def shows_easy_read() -> bool:
    """The mode is for candidates (and visitors, who may become one); staff pages keep their usual text."""
    if current_user.is_authenticated and not current_user.has_role(CANDIDATE):
        return False
    return preference.is_on()


def step_for(case=None) -> NextStep:
    """The next step of the page's case, or else of the candidate's latest open case."""
    if not current_user.is_authenticated:
        return visitor_step()
    if case is None or case.candidate_id != current_user.id:
        case = db.session.scalars(
            visible_cases(current_user).where(Case.candidate_id == current_user.id,
                                              Case.state.not_in(CASE_FINAL_STATES))
            .order_by(Case.id.desc()).limit(1)).first()
    return next_step(case) if case is not None else no_case_step()


@bp.app_context_processor
def easy_read_helpers():
    return {"easy_read_shown": shows_easy_read, "easy_read_on": preference.is_on, "easy_read_step": step_for,
            "EASY_PHASES": [(phase, PHASE_LABELS[phase]) for phase in PHASES]}
