"""The certifier's organisation of jury sessions: members, president, interview slots, revoking a decision."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vae.core.access import get_case_block_or_404, get_case_or_404
from vae.core.commit import commit_or_refuse
from vae.core.pages import paginate
from vae.core.permissions import role_required
from vae.extensions import db
from vae.jury import operations
from vae.jury.forms import (ConfirmForm, MemberEditForm, MemberForm, ReasonForm, RescheduleForm, ScheduleForm,
                            SessionForm, local_to_utc)
from vae.jury.title_field import find_active_title
from vae.jury.results import RESULT_LABELS, decisions_of, result_of, results_to_notify
from vae.models import Interview, JuryMember, JurySession, User, UserRole
from vae.models.states import ADMIN, JURY
from vae.workflows.guards.assessment import panel_of

bp = Blueprint("jury_admin", __name__, url_prefix="/jury/admin")
SESSIONS_PAGE_SIZE = 30


@bp.get("/sessions")
@role_required(ADMIN)
def admin_sessions():
    pagination = _sessions_page()
    return render_template("jury/admin_sessions.html", sessions=pagination.items, pagination=pagination,
                           form=_session_form())


def _sessions_page():
    return paginate(select(JurySession).options(selectinload(JurySession.title), selectinload(JurySession.members))
                    .order_by(JurySession.starts_at.desc(), JurySession.id.desc()), SESSIONS_PAGE_SIZE)


def _session_form() -> SessionForm:
    return SessionForm()


@bp.post("/sessions")
@role_required(ADMIN)
def create_session():
    form = _session_form()
    title = find_active_title(form.title) if form.validate_on_submit() else None
    if title is None:
        pagination = _sessions_page()
        return render_template("jury/admin_sessions.html", sessions=pagination.items, pagination=pagination,
                               form=form), 400
    session = operations.create_session(
        title=title, starts_at=local_to_utc(form.starts_at.data),
        location=form.location.data or "", video_link=form.video_link.data or "",
        capacity=form.capacity.data, actor=current_user)
    db.session.commit()
    flash(_("Session created."), "success")
    return redirect(url_for(".admin_session", session_id=session.id))


def _member_form(session: JurySession) -> MemberForm:
    form = MemberForm()
    seated = {m.user_id for m in session.members}
    jurors = db.session.scalars(select(User).join(UserRole).where(UserRole.role == JURY, User.active)
                                .order_by(User.last_name, User.first_name))
    form.user_id.choices = [(u.id, u.full_name) for u in jurors if u.id not in seated]
    return form


def _schedule_form(session: JurySession) -> ScheduleForm:
    form = ScheduleForm()
    form.case_id.choices = [
        (c.id, f"{c.candidate.full_name} · " + ", ".join(cb.block.code for cb in c.blocks if cb.state == "submitted"))
        for c in operations.schedulable_cases(session)]
    return form


@bp.get("/sessions/<int:session_id>")
@role_required(ADMIN)
def admin_session(session_id: int):
    session = db.get_or_404(JurySession, session_id)
    problems, warning = operations.composition_problems(session)
    return render_template("jury/admin_session.html", session=session, problems=problems, warning=warning,
                           member_form=_member_form(session), schedule_form=_schedule_form(session),
                           reschedule_form=RescheduleForm(), reason_form=ReasonForm(), confirm=ConfirmForm(),
                           to_notify=results_to_notify(session), result_of=result_of,
                           decisions_of=decisions_of, RESULT_LABELS=RESULT_LABELS,
                           interview_problems=operations.interview_problems(session), panel_of=panel_of,
                           edit_forms={m.id: MemberEditForm(prefix=f"m{m.id}", obj=m) for m in session.members})


@bp.post("/sessions/<int:session_id>/members")
@role_required(ADMIN)
def add_member(session_id: int):
    session = db.get_or_404(JurySession, session_id)
    form = _member_form(session)
    if form.validate_on_submit():
        commit_or_refuse(lambda: operations.add_member(
            session, user=db.session.get(User, form.user_id.data), qualification=form.qualification.data,
            gender=form.gender.data, organisation=form.organisation.data or "", actor=current_user),
            _("Member added to the jury."))
    else:
        return _form_refused(session)
    return redirect(url_for(".admin_session", session_id=session.id))


def _form_refused(session: JurySession):
    """A refused form: the session page again, with why, and a 400 (nothing was changed)."""
    flash(_("Please correct the highlighted fields."), "error")
    return admin_session(session.id), 400


def _member_of(session: JurySession, member_id: int) -> JuryMember:
    member = next((m for m in session.members if m.id == member_id), None)
    if member is None:
        abort(404)
    return member


@bp.post("/sessions/<int:session_id>/members/<int:member_id>/edit")
@role_required(ADMIN)
def update_member(session_id: int, member_id: int):
    session = db.get_or_404(JurySession, session_id)
    member = _member_of(session, member_id)
    form = MemberEditForm(prefix=f"m{member.id}")
    if form.validate_on_submit():
        commit_or_refuse(lambda: operations.update_member(
            session, member, qualification=form.qualification.data, gender=form.gender.data,
            organisation=form.organisation.data or "", actor=current_user),
            _("%(name)s's details are saved; they stay on the jury.", name=member.user.full_name))
    else:
        return _form_refused(session)
    return redirect(url_for(".admin_session", session_id=session.id))


def _confirmed_on_member(session_id: int, member_id: int, operation, done):
    """A confirmed button on one member's line: `operation(session, member, actor=…)`, then `done(name)`."""
    session = db.get_or_404(JurySession, session_id)
    if ConfirmForm().validate_on_submit():
        member = _member_of(session, member_id)
        commit_or_refuse(lambda: operation(session, member, actor=current_user), done(member.user.full_name))
    return redirect(url_for(".admin_session", session_id=session.id))


@bp.post("/sessions/<int:session_id>/members/<int:member_id>/president")
@role_required(ADMIN)
def designate_president(session_id: int, member_id: int):
    return _confirmed_on_member(session_id, member_id, operations.designate_president,
                                lambda name: _("%(name)s now presides over the jury.", name=name))


@bp.post("/sessions/<int:session_id>/members/<int:member_id>/remove")
@role_required(ADMIN)
def remove_member(session_id: int, member_id: int):
    return _confirmed_on_member(session_id, member_id, operations.remove_member,
                                lambda name: _("%(name)s no longer sits on this jury.", name=name))


@bp.post("/sessions/<int:session_id>/interviews")
@role_required(ADMIN)
def schedule(session_id: int):
    session = db.get_or_404(JurySession, session_id)
    form = _schedule_form(session)
    if not form.validate_on_submit():
        return _form_refused(session)
    case = get_case_or_404(current_user, form.case_id.data)
    commit_or_refuse(lambda: operations.schedule_interview(session, case, starts_at=local_to_utc(form.starts_at.data),
                                                           actor=current_user),
                     _("Interview scheduled; the candidate and the jury have been notified."))
    return redirect(url_for(".admin_session", session_id=session.id))


def _interview_of(session: JurySession, interview_id: int) -> Interview:
    interview = db.session.get(Interview, interview_id)
    if interview is None or interview.session_id != session.id:
        abort(404)
    return interview


@bp.post("/sessions/<int:session_id>/interviews/<int:interview_id>/reschedule")
@role_required(ADMIN)
def reschedule(session_id: int, interview_id: int):
    session = db.get_or_404(JurySession, session_id)
    interview = _interview_of(session, interview_id)
    form = RescheduleForm()
    if form.validate_on_submit():
        commit_or_refuse(lambda: operations.reschedule_interview(
            interview, starts_at=local_to_utc(form.starts_at.data), actor=current_user),
            _("Interview moved; everyone has been notified."))
    return redirect(url_for(".admin_session", session_id=session.id))


@bp.post("/sessions/<int:session_id>/interviews/<int:interview_id>/cancel")
@role_required(ADMIN)
def cancel(session_id: int, interview_id: int):
    session = db.get_or_404(JurySession, session_id)
    interview = _interview_of(session, interview_id)
    form = ReasonForm()
    if form.validate_on_submit():
        commit_or_refuse(lambda: operations.cancel_interview(interview, reason=form.reason.data, actor=current_user),
                         _("Interview cancelled; the blocks are back to submitted."))
    else:
        flash(_("Please give a reason."), "error")
    return redirect(url_for(".admin_session", session_id=session.id))


@bp.post("/blocks/<int:case_block_id>/revoke")
@role_required(ADMIN)
def revoke(case_block_id: int):
    case_block = get_case_block_or_404(current_user, case_block_id)
    form = ReasonForm()
    session_id = case_block.interview.session_id if case_block.interview else None
    if form.validate_on_submit():
        commit_or_refuse(lambda: operations.revoke_decision(case_block, reason=form.reason.data, actor=current_user),
                         _("Decision revoked."))
    else:
        flash(_("Please give a reason."), "error")
    if session_id is None:
        return redirect(url_for(".admin_sessions"))
    return redirect(url_for(".admin_session", session_id=session_id))
