"""Accompaniment pages: the mentor's meetings, each case's accompaniment, and the assisted entries."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from vae.accompaniment import assisted, meetings
from vae.accompaniment.calendar import meeting_ics
from vae.accompaniment.forms import (CancelMeetingForm, ChangeProposalForm, ConfirmProposalForm, HeldForm,
                                     MeetingForm, ProposalForm, RefuseProposalForm)
from vae.core.access import get_case_block_or_404, get_case_or_404, relations_to, visible_case_blocks, visible_cases
from vae.core.commit import commit_or_refuse
from vae.core.permissions import role_required
from vae.extensions import db
from vae.jury.forms import local_to_utc
from vae.models import AssistedProposal, Case, CaseBlock, Meeting
from vae.models.queries import accompaniment_minutes
from vae.models.states import ADMIN, CANDIDATE, MENTOR
from vae.storage.files import send_stored
from vae.storage.store import UploadRefused, receive

bp = Blueprint("accompaniment", __name__)


# -- meetings -----------------------------------------------------------------------
def _my_cases():
    return list(db.session.scalars(visible_cases(current_user).where(Case.mentor_id == current_user.id)
                                   .order_by(Case.id)))


def _meeting_or_404(meeting_id: int) -> Meeting:
    meeting = db.session.scalar(meetings.visible_meetings(current_user).where(Meeting.id == meeting_id))
    if meeting is None:
        raise NotFound()
    return meeting


def _own_meeting_or_404(meeting_id: int) -> Meeting:
    meeting = _meeting_or_404(meeting_id)
    if meeting.mentor_id != current_user.id:
        raise NotFound()
    return meeting


@bp.get("/accompaniment/meetings")
@role_required(MENTOR)
def meeting_list():
    mine = list(db.session.scalars(select(Meeting).where(Meeting.mentor_id == current_user.id)
                                   .order_by(Meeting.starts_at.desc())))
    cases = _my_cases()
    return render_template("accompaniment/meetings.html", meetings=mine, cases=cases,
                           minutes=accompaniment_minutes(c.id for c in cases))


@bp.route("/accompaniment/meetings/new", methods=["GET", "POST"])
@role_required(MENTOR)
def new_meeting():
    form = MeetingForm()
    cases = _my_cases()
    form.cases.choices = [(c.id, f"{c.candidate.full_name} · {c.title.rncp_code}") for c in cases]
    if request.method == "GET" and request.args.get("case_id", type=int) in {c.id for c in cases}:
        form.cases.data = [request.args.get("case_id", type=int)]
    if request.method == "POST":
        if not form.validate_on_submit():
            return render_template("accompaniment/new_meeting.html", form=form), 400
        chosen = [c for c in cases if c.id in set(form.cases.data)]
        created = []
        if commit_or_refuse(lambda: created.append(meetings.schedule(
                current_user, chosen, format=form.format.data, mode=form.mode.data, place=form.place.data or "",
                video_link=form.video_link.data or "", starts_at=local_to_utc(form.starts_at.data),
                minutes=form.minutes.data, topic=form.topic.data or "")),
                _("The meeting is scheduled: the candidates receive the invitation by e-mail.")):
            return redirect(url_for(".meeting", meeting_id=created[0].id))
        return render_template("accompaniment/new_meeting.html", form=form), 400
    return render_template("accompaniment/new_meeting.html", form=form)


@bp.get("/accompaniment/meetings/<int:meeting_id>")
@role_required(MENTOR, ADMIN)
def meeting(meeting_id: int):
    found = _meeting_or_404(meeting_id)
    return render_template("accompaniment/meeting.html", meeting=found, held_form=HeldForm(),
                           cancel_form=CancelMeetingForm(), is_owner=found.mentor_id == current_user.id)


@bp.post("/accompaniment/meetings/<int:meeting_id>/held")
@role_required(MENTOR)
def record_held(meeting_id: int):
    found = _own_meeting_or_404(meeting_id)
    form = HeldForm()
    if not form.validate_on_submit():
        flash(_("Give the length of the meeting in minutes."), "error")
        return render_template("accompaniment/meeting.html", meeting=found, held_form=form,
                               cancel_form=CancelMeetingForm(), is_owner=True), 400
    attended = {a.case_id: request.form.get(f"attended-{a.case_id}") == "y" for a in found.attendees}
    notes = {a.case_id: request.form.get(f"note-{a.case_id}", "")[:5000] for a in found.attendees}
    commit_or_refuse(lambda: meetings.record_held(found, current_user, minutes=form.minutes.data,
                                                  attended=attended, notes=notes),
                     _("The meeting is recorded: the hours are counted."))
    return redirect(url_for(".meeting", meeting_id=meeting_id))


@bp.post("/accompaniment/meetings/<int:meeting_id>/cancel")
@role_required(MENTOR)
def cancel_meeting(meeting_id: int):
    found = _own_meeting_or_404(meeting_id)
    form = CancelMeetingForm()
    if not form.validate_on_submit():
        abort(400)
    commit_or_refuse(lambda: meetings.cancel(found, current_user, form.reason.data or ""),
                     _("The meeting is cancelled: the candidates are told by e-mail."))
    return redirect(url_for(".meeting", meeting_id=meeting_id))


@bp.get("/accompaniment/meetings/<int:meeting_id>/invitation.ics")
@login_required
def meeting_invitation(meeting_id: int):
    found = _meeting_or_404(meeting_id)
    return Response(meeting_ics(found, cancelled=found.state == "cancelled"), mimetype="text/calendar",
                    headers={"Content-Disposition": "attachment; filename=accompagnement.ics"})


@bp.get("/cases/<int:case_id>/accompaniment")
@login_required
def case_accompaniment(case_id: int):
    """The case's meetings, with this candidate's own notes only, and the hours counted."""
    case = get_case_or_404(current_user, case_id)
    if not relations_to(current_user, case) & {CANDIDATE, MENTOR, ADMIN}:
        abort(404)
    return render_template("accompaniment/case.html", case=case, rows=meetings.meetings_of_case(case),
                           minutes=accompaniment_minutes([case.id])[case.id])


# -- assisted entry ------------------------------------------------------------------
def _received(form_field: str):
    incoming = request.files.get(form_field)
    if incoming is None or not incoming.filename:
        return None
    return receive(incoming.stream, incoming.filename)


def _back(case_block_id: int, anchor: str = "proposals"):
    return redirect(url_for("dossier.block", case_block_id=case_block_id) + f"#{anchor}")


@bp.post("/blocks/<int:case_block_id>/proposals")
@role_required(MENTOR)
def propose(case_block_id: int):
    case_block = get_case_block_or_404(current_user, case_block_id)
    if MENTOR not in relations_to(current_user, case_block):
        abort(403)
    form = ProposalForm()
    form.competence_id.choices = [(c.id, c.label) for c in case_block.block.competences]
    if not form.validate_on_submit():
        flash(_("Please check the form."), "error")
        return _back(case_block_id)
    upload = None
    if form.kind.data != "text":
        try:
            upload = _received(form.file.name)
        except UploadRefused as refused:
            flash(str(refused), "error")
            return _back(case_block_id)
        if upload is None:
            flash(_("Choose a file (or record one) before adding it."), "error")
            return _back(case_block_id)
    try:
        done = commit_or_refuse(lambda: assisted.propose(
            case_block, current_user, kind=form.kind.data, competence_id=form.competence_id.data,
            title=form.title.data or "", body=form.body.data or "", upload=upload),
            _("Proposed: the candidate confirms it from their own account."))
    except BaseException:
        if upload:
            upload.discard()
        raise
    if upload:
        upload.place() if done else upload.discard()
    return _back(case_block_id)


def _proposal_or_404(proposal_id: int) -> AssistedProposal:
    visible = visible_case_blocks(current_user).with_only_columns(CaseBlock.id)
    proposal = db.session.scalar(select(AssistedProposal).where(
        AssistedProposal.id == proposal_id, AssistedProposal.case_block_id.in_(visible)))
    # The jury never sees a proposal: only the candidate's confirmed evidence.
    if proposal is None or not relations_to(current_user, proposal.case_block) & {CANDIDATE, MENTOR, ADMIN}:
        raise NotFound()
    return proposal


def _answerable(proposal_id: int) -> AssistedProposal:
    proposal = _proposal_or_404(proposal_id)
    if CANDIDATE not in relations_to(current_user, proposal.case_block):
        abort(403)
    return proposal


@bp.post("/proposals/<int:proposal_id>/confirm")
@role_required(CANDIDATE)
def confirm_proposal(proposal_id: int):
    proposal = _answerable(proposal_id)
    if not ConfirmProposalForm().validate_on_submit():
        abort(400)
    commit_or_refuse(lambda: assisted.confirm(proposal, current_user),
                     _("Confirmed: it is now in your dossier, in your name."))
    return _back(proposal.case_block_id, f"c-{proposal.competence_id}" if proposal.competence_id else "proposals")


@bp.post("/proposals/<int:proposal_id>/refuse")
@role_required(CANDIDATE)
def refuse_proposal(proposal_id: int):
    proposal = _answerable(proposal_id)
    form = RefuseProposalForm()
    if not form.validate_on_submit():
        abort(400)
    commit_or_refuse(lambda: assisted.refuse(proposal, current_user, form.reason.data or ""),
                     _("Refused: your mentor is told and can change it."))
    return _back(proposal.case_block_id)


@bp.post("/proposals/<int:proposal_id>/change")
@role_required(CANDIDATE, MENTOR)
def change_proposal(proposal_id: int):
    proposal = _proposal_or_404(proposal_id)
    if not relations_to(current_user, proposal.case_block) & {CANDIDATE, MENTOR}:
        abort(403)
    form = ChangeProposalForm(prefix=f"p{proposal.id}")
    if not form.validate_on_submit():
        flash(_("Please check the form."), "error")
        return _back(proposal.case_block_id)
    commit_or_refuse(lambda: assisted.change(proposal, current_user, title=form.title.data or "",
                                             body=form.body.data or ""), _("The proposal is changed."))
    return _back(proposal.case_block_id)


@bp.get("/proposals/<int:proposal_id>/file")
@login_required
def proposal_file(proposal_id: int):
    proposal = _proposal_or_404(proposal_id)
    if proposal.file is None:
        abort(404)
    return send_stored(proposal.file, proposal.original_filename or f"proposal-{proposal.id}")
