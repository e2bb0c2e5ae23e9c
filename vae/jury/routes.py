"""Jury pages: members read and score; the president decides and signs; the candidate reads the results.

The certifier's organisation of sessions is in admin_routes.py."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.exceptions import Forbidden

from vae.core.access import (
    get_case_block_or_404,
    get_interview_seat_or_404,
    get_seat_or_404,
    sessions_of_member,
    visible_cases,
)
from vae.core.clock import now
from vae.core.commit import commit_or_refuse
from vae.core.pdf import render_pdf
from vae.core.permissions import role_required
from vae.extensions import db
from vae.jury import operations, scoring
from vae.jury.forms import ConfirmForm, DecisionForm, OutcomeForm, levels_from, scoring_form
from vae.jury.results import RESULT_LABELS, decisions_of, result_of
from vae.models import Case, Evidence, Interview, JuryMember, JurySession
from vae.models.states import ADMIN, CANDIDATE, JURY

bp = Blueprint("jury", __name__, url_prefix="/jury")


# == jury members and president ==========================================================
@bp.get("/sessions")
@role_required(JURY)
def my_sessions():
    sessions = db.session.scalars(sessions_of_member(current_user).order_by(JurySession.starts_at)).all()
    return render_template("jury/my_sessions.html", sessions=sessions)


# Members only: certifier staff follow sessions from the admin pages (jury_admin.admin_session).
@bp.get("/sessions/<int:session_id>")
@role_required(JURY)
def session_page(session_id: int):
    session, seat = get_seat_or_404(current_user, session_id)
    return render_template("jury/session.html", session=session, seat=seat, confirm=ConfirmForm(),
                           outcome_form=OutcomeForm(), result_of=result_of, RESULT_LABELS=RESULT_LABELS,
                           decisions_of=decisions_of)


@bp.get("/interviews/<int:interview_id>")
@role_required(JURY)
def interview_page(interview_id: int):
    interview, seat = get_interview_seat_or_404(current_user, interview_id)
    operations.log_dossier_read(interview, current_user)
    db.session.commit()
    return _render_interview(interview, seat)


def _render_interview(interview: Interview, seat: JuryMember, form=None, status: int = 200):
    competences = scoring.competences_of(interview)
    mine = scoring.scores_of(interview, seat)
    evidence = db.session.scalars(select(Evidence).where(
        Evidence.case_block_id.in_([cb.id for cb in interview.case_blocks])).order_by(Evidence.id)).all()
    submitted = scoring.has_submitted(interview, seat)
    show_all = seat.is_president and submitted
    return render_template(
        "jury/interview.html", interview=interview, seat=seat, evidence=evidence,
        competences=competences, form=form or scoring_form(competences, mine), mine=mine, submitted=submitted,
        side_by_side=scoring.side_by_side(interview) if show_all else None,
        decision_forms={cb.id: DecisionForm(prefix=f"b{cb.id}", version=interview.case.version)
                        for cb in interview.case_blocks},
        decisions={d.case_block_id: d for d in decisions_of(interview)},
        outcome_form=OutcomeForm(), result=result_of(interview), RESULT_LABELS=RESULT_LABELS,
        has_file_route="storage.file" in current_app.view_functions), status


@bp.post("/interviews/<int:interview_id>/scores")
@role_required(JURY)
def save_scores(interview_id: int):
    interview, seat = get_interview_seat_or_404(current_user, interview_id)
    competences = scoring.competences_of(interview)
    form = scoring_form(competences, {})
    if not form.validate_on_submit():
        return _render_interview(interview, seat, form, 400)

    def save():
        scoring.save_scores(interview, seat, levels_from(form, competences))
        if form.send.data:
            scoring.submit_scores(interview, seat)

    commit_or_refuse(save, _("Scores submitted.") if form.send.data else _("Scores saved."))
    return redirect(url_for(".interview_page", interview_id=interview.id))


def _president_seat(seat: JuryMember) -> None:
    if not seat.is_president:
        raise Forbidden()


@bp.post("/interviews/<int:interview_id>/outcome")
@role_required(JURY)
def record_outcome(interview_id: int):
    interview, seat = get_interview_seat_or_404(current_user, interview_id)
    _president_seat(seat)
    form = OutcomeForm()
    if form.validate_on_submit():
        commit_or_refuse(lambda: operations.record_outcome(interview, outcome=form.outcome.data, actor=current_user),
                         _("Outcome recorded."))
    return redirect(url_for(".session_page", session_id=interview.session_id))


@bp.post("/sessions/<int:session_id>/blocks/<int:case_block_id>/decide")
@role_required(JURY)
def decide(session_id: int, case_block_id: int):
    session, seat = get_seat_or_404(current_user, session_id)
    _president_seat(seat)
    form = DecisionForm(prefix=f"b{case_block_id}")
    if not form.validate_on_submit():
        flash(_("Choose a decision."), "error")
        return redirect(url_for(".session_page", session_id=session_id))

    def unit():
        # Reloaded on every attempt: a concurrent decision on another block of the case may have bumped
        # its version (the retry); a decision made from an older page still gets the 409 page (the form).
        fresh_session, _seat = get_seat_or_404(current_user, session_id)
        case_block = get_case_block_or_404(current_user, case_block_id)
        return operations.decide_block(fresh_session, case_block, validated=form.decision.data == "validated",
                                       rationale=form.rationale.data or "",
                                       recommendations=form.recommendations.data or "", actor=current_user)

    commit_or_refuse(unit, _("Decision recorded."), form=form,
                     case=lambda: get_case_block_or_404(current_user, case_block_id).case,
                     attempts=current_app.config["DECISION_RETRY_ATTEMPTS"])
    case_block = get_case_block_or_404(current_user, case_block_id)
    if case_block.interview_id:
        return redirect(url_for(".interview_page", interview_id=case_block.interview_id))
    return redirect(url_for(".session_page", session_id=session_id))


@bp.post("/sessions/<int:session_id>/sign")
@role_required(JURY)
def sign(session_id: int):
    session, seat = get_seat_or_404(current_user, session_id)
    _president_seat(seat)
    if ConfirmForm().validate_on_submit():
        commit_or_refuse(lambda: operations.sign_session(session, actor=current_user),
                          _("Decisions signed; the candidates have been informed."))
    return redirect(url_for(".session_page", session_id=session_id))


@bp.get("/sessions/<int:session_id>/minutes.pdf")
@role_required(JURY, ADMIN)
def minutes(session_id: int):
    if current_user.has_role(ADMIN):
        session = db.get_or_404(JurySession, session_id)
    else:
        session, _seat = get_seat_or_404(current_user, session_id)
    html = render_template("jury/minutes.html", session=session, result_of=result_of,
                           decisions_of=decisions_of, RESULT_LABELS=RESULT_LABELS, printed_at=now())
    return render_pdf(html), 200, {"Content-Type": "application/pdf",
                                   "Content-Disposition": f'inline; filename="pv-jury-{session.id}.pdf"'}


# == candidate =============================================================================
@bp.get("/my-results")
@role_required(CANDIDATE)
def my_results():
    cases = db.session.scalars(visible_cases(current_user).where(Case.candidate_id == current_user.id)).all()
    interviews = db.session.scalars(
        select(Interview).where(Interview.case_id.in_([c.id for c in cases]), Interview.state == "scheduled")
        .order_by(Interview.starts_at.desc())).all()
    # Results are shown once the president has signed them.
    return render_template("jury/my_results.html", interviews=interviews, result_of=result_of,
                           decisions_of=decisions_of, RESULT_LABELS=RESULT_LABELS)
