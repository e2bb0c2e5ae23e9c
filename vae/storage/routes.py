"""Serving stored files: only through an access check, never from a static path."""
from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user, login_required

from vae.core.access import get_annotation_or_404, get_case_or_404, get_evidence_or_404
from vae.core.audit import record
from vae.extensions import db
from vae.models import Experience
from vae.models.states import ADMIN
from vae.storage import blobs
from vae.storage.files import INLINE_TYPES, send_stored
from vae.storage.serving import stored_file_response
from vae.storage.store import remove_stale_temp_files, safe_filename

bp = Blueprint("storage", __name__, url_prefix="/files")


@bp.record_once
def _clean_interrupted_uploads(state) -> None:
    """At start: whatever an upload cut short by a crash left in UPLOAD_DIR/tmp goes."""
    with state.app.app_context():
        try:
            remove_stale_temp_files()
        except OSError:
            state.app.logger.exception("could not clean UPLOAD_DIR/tmp")


@bp.get("/evidence/<int:evidence_id>")
@login_required
def evidence_file(evidence_id: int):
    evidence = get_evidence_or_404(current_user, evidence_id)
    if evidence.file is None:
        abort(404)
    if not blobs.exists(evidence.file.sha256):
        abort(404)
    if current_user.has_role(ADMIN):  # staff reading a candidate's file leaves a trace
        record(current_user, "evidence", evidence.id, "file_downloaded", case_id=evidence.case_block.case_id)
        db.session.commit()
    mime = evidence.file.mime_type
    inline = mime.startswith(INLINE_TYPES)
    name = safe_filename(evidence.original_filename) or f"evidence-{evidence.id}"  # rows from before the check
    response = stored_file_response(evidence.file.sha256, mime, as_attachment=not inline, download_name=name)
    if response is None:
        abort(404)
    return response


@bp.get("/answers/<int:answer_id>")
@login_required
def answer_file(answer_id: int):
    """A reply spoken instead of written: whoever reads the thread may play it."""
    note = get_annotation_or_404(current_user, answer_id)
    if note.file is None:
        abort(404)
    return send_stored(note.file, f"answer-{note.id}")


@bp.get("/experiences/<int:recorded_experience_id>")
@login_required
def experience_recording(recorded_experience_id: int):
    """The experience described by voice: whoever follows the case may play it."""
    experience = db.session.get(Experience, recorded_experience_id)
    if experience is None:
        abort(404)
    get_case_or_404(current_user, experience.case_id)
    if experience.recording is None:
        abort(404)
    return send_stored(experience.recording, f"experience-{experience.id}")
