"""Jury pages: members read and score; the president decides and signs; the candidate reads the results.

The certifier's organisation of sessions is in admin_routes.py."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
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
from vae.core.pages import paginate
from vae.core.pdf import render_pdf
from vae.core.permissions import role_required
from vae.extensions import db
from vae.jury import operations, recommendations, scoring
from vae.jury.forms import (ConfirmForm, DecisionForm, IdentityForm, OutcomeForm, declarations_form, levels_from,
                            links_from, recommendation_form, scoring_form)
from vae.jury.labels import jury_label, when
from vae.jury.publication import state_seen
from vae.jury.results import RESULT_LABELS, decisions_of, result_of
from vae.models import BlockDecision, Case, CaseBlock, Evidence, Interview, JuryMember, JurySession
from vae.models.states import ADMIN, CANDIDATE, JURY
from vae.workflows.guards.assessment import member_may_judge, panel_of

bp = Blueprint("jury", __name__, url_prefix="/jury")
MY_SESSIONS_PAGE_SIZE = 20
bp.add_app_template_global(jury_label, "jury_label")
bp.add_app_template_filter(when, "when")
bp.add_app_template_global(state_seen, "state_seen")
# The préconisations of a decision, read by the result, minutes, interview and pathway pages.
bp.add_app_template_global(recommendations.recommendation_of, "recommendation_of")
bp.add_app_template_global(recommendations.NEXT_STEP_LABELS, "NEXT_STEP_LABELS")


# == jury members and president ==========================================================
@bp.get("/sessions")
@role_required(JURY)
def my_sessions():
    pagination = paginate(
        sessions_of_member(current_user)
        .options(selectinload(JurySession.title), selectinload(JurySession.interviews).options(
            selectinload(Interview.case).selectinload(Case.candidate),
            selectinload(Interview.case_blocks).selectinload(CaseBlock.block)))
        .order_by(JurySession.starts_at, JurySession.id), MY_SESSIONS_PAGE_SIZE)
    return render_template("jury/my_sessions.html", sessions=pagination.items, pagination=pagination)


# Members only: certifier staff follow sessions from the admin pages (jury_admin.admin_session).
@bp.get("/sessions/<int:session_id>")
@role_required(JURY)
def session_page(session_id: int):
    session, seat = get_seat_or_404(current_user, session_id)
    return render_template("jury/session.html", session=session, seat=seat, confirm=ConfirmForm(),
                           outcome_form=OutcomeForm(), result_of=result_of, RESULT_LABELS=RESULT_LABELS,
                           decisions_of=decisions_of, panel_of=panel_of,
                           interview_problems=operations.interview_problems(session))


@bp.route("/sessions/<int:session_id>/declarations", methods=["GET", "POST"])
@role_required(JURY)
def declarations(session_id: int):
    """Each member declares, for each candidate of the session, any link with them."""
    session, seat = get_seat_or_404(current_user, session_id)
    cases = operations.candidates_of(session)
    form = declarations_form(cases, seat)
    if form.is_submitted():
        if form.validate():
            if commit_or_refuse(lambda: operations.declare_links(seat, links_from(form, cases), actor=current_user),
                                _("Your declarations are saved; you will not take part in the interview of a "
                                  "candidate you are linked with.")):
                return redirect(url_for(".session_page", session_id=session.id))
        else:
            flash(_("Please answer for every candidate."), "error")
    return (render_template("jury/declarations.html", session=session, seat=seat, cases=cases, form=form),
            400 if form.errors else 200)


def _judging(interview: Interview, seat: JuryMember) -> None:
    """A member linked to the candidate does not open, score or decide their interview."""
    if reason := member_may_judge(seat, interview):
        raise Forbidden(reason)


@bp.get("/interviews/<int:interview_id>")
@role_required(JURY)
def interview_page(interview_id: int):
    interview, seat = get_interview_seat_or_404(current_user, interview_id)
    _judging(interview, seat)
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
        outcome_form=OutcomeForm(), identity_form=IdentityForm(), result=result_of(interview),
        RESULT_LABELS=RESULT_LABELS, panel=panel_of(interview),
        has_file_route="storage.file" in current_app.view_functions), status


@bp.post("/interviews/<int:interview_id>/scores")
@role_required(JURY)
def save_scores(interview_id: int):
    interview, seat = get_interview_seat_or_404(current_user, interview_id)
    _judging(interview, seat)
    competences = scoring.competences_of(interview)
    form = scoring_form(competences, {})
    if not form.validate_on_submit():
        return _render_interview(interview, seat, form, 400)

    def save():
        scoring.save_scores(interview, seat, levels_from(form, competences))
        if form.send.data:
            scoring.submit_scores(interview, seat)

    commit_or_refuse(save, _("Your scores are submitted: they can no longer change, and the president can now "
                             "compare them.") if form.send.data else
                     _("Your scores are saved as a draft: nobody else sees them until you submit them."))
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
        done = {"held": _("The interview is recorded as held: the jury can now score it."),
                "absent": _("The candidate is recorded as absent: their blocks can be booked again."),
                "excused": _("The candidate is recorded as excused: their blocks can be booked again.")}
        commit_or_refuse(lambda: operations.record_outcome(interview, outcome=form.outcome.data, actor=current_user,
                                                           identity_document=form.identity_document.data or None),
                         done[form.outcome.data])
    return redirect(url_for(".session_page", session_id=interview.session_id))


@bp.post("/interviews/<int:interview_id>/identity")
@role_required(JURY)
def record_identity(interview_id: int):
    interview, seat = get_interview_seat_or_404(current_user, interview_id)
    _president_seat(seat)
    form = IdentityForm()
    if form.validate_on_submit():
        commit_or_refuse(lambda: operations.record_identity_check(
            interview, document=form.identity_document.data, actor=current_user),
            _("The identity check is recorded (the kind of document only)."))
    else:
        flash(_("Choose the identity document you checked."), "error")
    return redirect(url_for(".interview_page", interview_id=interview.id))


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

    decided = commit_or_refuse(unit, _("The decision is recorded. The candidate will see it once you sign the "
                                       "session."),
                               form=form,
                               case=lambda: get_case_block_or_404(current_user, case_block_id).case,
                               attempts=current_app.config["DECISION_RETRY_ATTEMPTS"])
    if decided and form.decision.data != "validated":  # the recommendations come with a block not validated
        return redirect(url_for(".recommendation", session_id=session_id, case_block_id=case_block_id))
    case_block = get_case_block_or_404(current_user, case_block_id)
    if case_block.interview_id:
        return redirect(url_for(".interview_page", interview_id=case_block.interview_id))
    return redirect(url_for(".session_page", session_id=session_id))


def _decision_to_recommend(session_id: int, case_block_id: int) -> tuple[JurySession, CaseBlock,
                                                                          BlockDecision | None]:
    """The president of the session (or certifier staff), a block judged in this session, and its standing
    "not validated" decision (None when there is none); 404 for a block of another session."""
    if current_user.has_role(ADMIN):
        session = db.get_or_404(JurySession, session_id)
    else:
        session, seat = get_seat_or_404(current_user, session_id)
        _president_seat(seat)
    case_block = get_case_block_or_404(current_user, case_block_id)
    if case_block.interview is None or case_block.interview.session_id != session.id:
        abort(404)
    decision = next((d for d in decisions_of(case_block.interview)
                     if d.case_block_id == case_block.id and d.decision == "not_validated"), None)
    return session, case_block, decision


@bp.route("/sessions/<int:session_id>/blocks/<int:case_block_id>/recommendation", methods=["GET", "POST"])
@role_required(JURY, ADMIN)
def recommendation(session_id: int, case_block_id: int):
    """The préconisations on a block not validated: competences that fell short, the next step, free text."""
    session, case_block, decision = _decision_to_recommend(session_id, case_block_id)
    if decision is None:  # not decided yet, or validated: nothing to recommend
        return render_template("jury/recommendation.html", session=session, case_block=case_block, decision=None,
                               form=None, existing=None, editable=False), 409
    existing = recommendations.recommendation_of(decision)
    block = case_block.block
    form = recommendation_form(block, existing) if request.method == "GET" else recommendation_form(block)
    editable = session.state == "planned"
    if form.is_submitted():
        if form.validate() and commit_or_refuse(lambda: recommendations.write_recommendation(
                decision, competence_ids=form.shortfalls.data or [], next_step=form.next_step.data or None,
                experience_months=form.experience_months.data, training_module=form.training_module.data or "",
                note=form.note.data or "", actor=current_user),
                _("The recommendations are recorded: the candidate will read them with the result.")):
            if current_user.has_role(ADMIN):
                return redirect(url_for("jury_admin.admin_session", session_id=session.id))
            return redirect(url_for(".interview_page", interview_id=decision.interview_id))
        return render_template("jury/recommendation.html", session=session, case_block=case_block,
                               decision=decision, form=form, existing=existing, editable=editable), 400
    return render_template("jury/recommendation.html", session=session, case_block=case_block, decision=decision,
                           form=form, existing=existing, editable=editable)


@bp.post("/sessions/<int:session_id>/sign")
@role_required(JURY)
def sign(session_id: int):
    session, seat = get_seat_or_404(current_user, session_id)
    _president_seat(seat)
    if ConfirmForm().validate_on_submit():
        commit_or_refuse(lambda: operations.sign_session(session, actor=current_user),
                         _("The session is signed: the decisions are final and each candidate has been sent "
                           "their result."))
    return redirect(url_for(".session_page", session_id=session_id))


@bp.get("/sessions/<int:session_id>/minutes.pdf")
@role_required(JURY, ADMIN)
def minutes(session_id: int):
    if current_user.has_role(ADMIN):
        session = db.get_or_404(JurySession, session_id)
    else:
        session, _seat = get_seat_or_404(current_user, session_id)
    with force_locale("fr"):  # the official minutes are written in French, whoever prints them
        html = render_template("jury/minutes.html", session=session, result_of=result_of, panel_of=panel_of,
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
                           decisions_of=decisions_of, RESULT_LABELS=RESULT_LABELS,
                           certifier=current_app.config["CERTIFIER_NAME"],
                           appeal_months=current_app.config["APPEAL_DELAY_MONTHS"])
