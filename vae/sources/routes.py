"""Pages of the roads to a block: the certifier's queue and records, the candidate's declaration."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from vae.core.audit import record
from vae.core.commit import commit_or_refuse
from vae.core.permissions import role_required
from vae.extensions import db
from vae.models import BlockClaim, User
from vae.models.states import ADMIN, CANDIDATE
from vae.sources import operations as ops
from vae.sources.forms import (SOURCE_LABELS, AcceptClaimForm, DeclareOutsideForm, RecordClaimForm,
                               RefuseClaimForm)
from vae.storage.store import UploadRefused, path_for, receive, safe_filename
from vae.workflows.claims import CLAIM_WORKFLOWS

bp = Blueprint("sources", __name__)


@bp.app_context_processor
def _source_labels():
    return {"claim_source_label": lambda source: str(SOURCE_LABELS.get(source, source))}


def _receive_upload(form):
    """The supporting document, if any, received into a temp file (None when none was sent)."""
    incoming = request.files.get(form.file.name)
    if incoming is None or not incoming.filename:
        return None
    return receive(incoming.stream, incoming.filename)


def _declare(form, operation, success: str) -> BlockClaim | None:
    """Run a declaration with its upload: the file is placed only once the row is committed."""
    try:
        upload = _receive_upload(form)
    except UploadRefused as refused:
        form.file.errors.append(str(refused))
        return None
    created: list[BlockClaim] = []
    try:
        ok = commit_or_refuse(lambda: created.append(operation(upload)), success)
    except BaseException:
        if upload:
            upload.discard()
        raise
    if upload:
        upload.place() if ok else upload.discard()
    return created[0] if ok else None


# -- the certifier ---------------------------------------------------------------------
@bp.get("/admin/block-claims")
@role_required(ADMIN)
def queue():
    return render_template("sources/queue.html", pending=ops.pending_claims(), decided=ops.recent_decisions())


@bp.route("/admin/block-claims/new", methods=["GET", "POST"])
@role_required(ADMIN)
def record_claim():
    form = RecordClaimForm()
    if request.method == "GET":
        return render_template("sources/record.html", form=form)
    if form.validate_on_submit():
        candidate = User.by_email(form.candidate_email.data)
        block = ops.block_by_code(form.block_code.data)
        if candidate is None or not candidate.has_role(CANDIDATE):
            form.candidate_email.errors.append(_("No candidate has this e-mail address."))
        if block is None:
            form.block_code.errors.append(_("No block has this code."))
        if not form.errors:
            claim = _declare(form, lambda upload: ops.declare_claim(
                candidate=candidate, block=block, source=form.source.data, awarding_body=form.awarding_body.data,
                assessed_on=form.assessed_on.data, assessment_reference=form.assessment_reference.data or "",
                actor=current_user, upload=upload), _("Recorded: accept it once you have checked the proof."))
            if claim is not None:
                return redirect(url_for(".claim", claim_id=claim.id))
    return render_template("sources/record.html", form=form), 400


@bp.get("/block-claims/<int:claim_id>")
@login_required
def claim(claim_id: int):
    found = ops.get_claim_or_404(current_user, claim_id)
    events = CLAIM_WORKFLOWS[found.source].available(found, current_user)
    return render_template("sources/claim.html", claim=found, events={e.event: e for e in events},
                           accept_form=AcceptClaimForm(), refuse_form=RefuseClaimForm())


@bp.post("/admin/block-claims/<int:claim_id>/accept")
@role_required(ADMIN)
def accept(claim_id: int):
    found = ops.get_claim_or_404(current_user, claim_id)
    if not AcceptClaimForm().validate_on_submit():
        abort(400)
    commit_or_refuse(lambda: ops.decide_claim(found, "accept_claim", current_user),
                     _("The block is accepted: the candidate holds it, and it counts toward the title."))
    return redirect(url_for(".claim", claim_id=claim_id))


@bp.post("/admin/block-claims/<int:claim_id>/refuse")
@role_required(ADMIN)
def refuse(claim_id: int):
    found = ops.get_claim_or_404(current_user, claim_id)
    form = RefuseClaimForm()
    if not form.validate_on_submit():
        flash(_("Please give a reason."), "error")
        events = CLAIM_WORKFLOWS[found.source].available(found, current_user)
        return render_template("sources/claim.html", claim=found, events={e.event: e for e in events},
                               accept_form=AcceptClaimForm(), refuse_form=form), 400
    commit_or_refuse(lambda: ops.decide_claim(found, "refuse_claim", current_user, reason=form.reason.data),
                     _("The block is refused: the candidate sees your reason."))
    return redirect(url_for(".claim", claim_id=claim_id))


@bp.get("/block-claims/<int:claim_id>/file")
@login_required
def claim_file(claim_id: int):
    found = ops.get_claim_or_404(current_user, claim_id)
    if found.file is None or not path_for(found.file.sha256).exists():
        abort(404)
    if current_user.has_role(ADMIN):  # staff reading a candidate's file leaves a trace
        record(current_user, "block_claim", found.id, "file_downloaded")
        db.session.commit()
    response = send_file(path_for(found.file.sha256), mimetype=found.file.mime_type, as_attachment=True,
                         download_name=safe_filename(found.original_filename) or f"proof-{found.id}",
                         conditional=True, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


# -- the candidate ---------------------------------------------------------------------
@bp.route("/my/blocks/declare", methods=["GET", "POST"])
@role_required(CANDIDATE)
def declare_outside():
    form = DeclareOutsideForm()
    mine = db.session.scalars(ops.visible_claims(current_user).order_by(BlockClaim.declared_at.desc())).all()
    if request.method == "GET":
        return render_template("sources/declare.html", form=form, claims=mine)
    if form.validate_on_submit():
        block = ops.block_by_code(form.block_code.data)
        if block is None:
            form.block_code.errors.append(_("No block has this code."))
        else:
            claim = _declare(form, lambda upload: ops.declare_claim(
                candidate=current_user, block=block, source="outside", awarding_body=form.awarding_body.data,
                assessed_on=form.assessed_on.data, assessment_reference=form.assessment_reference.data or "",
                actor=current_user, upload=upload, credential_text=form.credential.data),
                _("Your block is declared: the certifier will check your proof and tell you."))
            if claim is not None:
                return redirect(url_for(".claim", claim_id=claim.id))
    return render_template("sources/declare.html", form=form, claims=mine), 400
