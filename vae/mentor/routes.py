"""Mentor pages: the queue, annotations on a block, returning a block."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from vae.core.access import get_annotation_or_404, get_case_block_or_404, relations_to
from vae.core.permissions import role_required
from vae.core.refusal import Refused
from vae.core.row_dates import DayFormat
from vae.core.row_urls import IdUrl
from vae.extensions import db
from vae.mentor import operations as ops
from vae.mentor.forms import AnnotationForm, RecordedReplyForm, ReplyForm, ResolveForm, ReturnForm
from vae.jury.publication import chip_state_reader
from vae.mentor.queue import mentor_queue
from vae.workflows.labels import state_labels
from vae.models.states import ADMIN, CANDIDATE, MENTOR
from vae.core.commit import commit_or_refuse
from vae.storage.sniff import AUDIO, VIDEO
from vae.storage.store import UploadRefused, receive
from vae.workflows.block import BLOCK
from vae.workflows.web import fire_from_form

bp = Blueprint("mentor", __name__, url_prefix="/mentor")


def _back(case_block_id: int):
    return redirect(url_for("dossier.block", case_block_id=case_block_id))


@bp.get("/")
@role_required(MENTOR)
def queue():
    pagination, chips, progress = mentor_queue(current_user)
    return render_template("mentor/queue.html", cases=pagination.items, pagination=pagination, progress=progress,
                           chips=chips, state_of=chip_state_reader(), case_url=IdUrl("candidate.case", "case_id"),
                           block_url=IdUrl("dossier.block", "case_block_id"), day=DayFormat(),
                           labels=state_labels())


@bp.post("/blocks/<int:case_block_id>/annotations")
@role_required(MENTOR, ADMIN)
def annotate(case_block_id: int):
    case_block = get_case_block_or_404(current_user, case_block_id)
    if not relations_to(current_user, case_block) & {MENTOR, ADMIN}:
        abort(403)
    form = AnnotationForm()
    if not form.validate_on_submit():
        flash(_("Write your note before sending it."), "error")
        return _back(case_block_id)
    evidence_id = int(form.evidence_id.data) if (form.evidence_id.data or "").isdigit() else None
    try:
        ops.annotate(case_block, current_user, kind=form.kind.data, body=form.body.data, evidence_id=evidence_id)
    except Refused:
        abort(404)
    db.session.commit()
    flash(_("Your note is sent to the candidate."), "success")
    return _back(case_block_id)


@bp.post("/annotations/<int:annotation_id>/reply")
@login_required
def reply(annotation_id: int):
    note = get_annotation_or_404(current_user, annotation_id)
    if not relations_to(current_user, note.case_block) & {CANDIDATE, MENTOR, ADMIN}:
        abort(403)
    form = ReplyForm()
    if not form.validate_on_submit():
        flash(_("Write your answer before sending it."), "error")
        return _back(note.case_block_id)
    ops.reply(note, current_user, form.body.data)
    db.session.commit()
    flash(_("Your answer is sent."), "success")
    return _back(note.case_block_id)


@bp.post("/annotations/<int:annotation_id>/reply-recording")
@login_required
def reply_recording(annotation_id: int):
    """Answer a question by speaking instead of writing."""
    note = get_annotation_or_404(current_user, annotation_id)
    if not relations_to(current_user, note.case_block) & {CANDIDATE, MENTOR, ADMIN}:
        abort(403)
    form = RecordedReplyForm()
    if not form.validate_on_submit():
        abort(400)
    incoming = request.files.get(form.file.name)
    if incoming is None or not incoming.filename:
        flash(_("Record your answer before sending it."), "error")
        return _back(note.case_block_id)
    try:
        upload = receive(incoming.stream, incoming.filename)
    except UploadRefused as refused:
        flash(str(refused), "error")
        return _back(note.case_block_id)
    if upload.sniffed.family not in (AUDIO, VIDEO):
        upload.discard()
        flash(_("A recorded answer is a sound or a video."), "error")
        return _back(note.case_block_id)
    try:
        done = commit_or_refuse(lambda: ops.reply(note, current_user, "", recording=upload),
                                _("Your answer is sent."))
    except BaseException:
        upload.discard()
        raise
    upload.place() if done else upload.discard()
    return _back(note.case_block_id)


@bp.post("/annotations/<int:annotation_id>/resolve")
@role_required(MENTOR, ADMIN)
def resolve(annotation_id: int):
    note = get_annotation_or_404(current_user, annotation_id)
    if not relations_to(current_user, note.case_block) & {MENTOR, ADMIN} or not ResolveForm().validate_on_submit():
        abort(403)
    try:
        ops.resolve(note, current_user)
    except Refused:
        abort(400)
    db.session.commit()
    flash(_("Marked as resolved."), "success")
    return _back(note.case_block_id)


@bp.post("/blocks/<int:case_block_id>/return")
@role_required(MENTOR, ADMIN)
def return_block(case_block_id: int):
    case_block = get_case_block_or_404(current_user, case_block_id)
    form = ReturnForm()
    if not form.validate_on_submit():
        abort(400)
    fire_from_form(BLOCK, case_block, "return", current_user, form, reason=form.reason.data or "")
    return _back(case_block_id)
