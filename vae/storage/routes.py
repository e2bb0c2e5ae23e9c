"""Serving stored files: only through an access check, never from a static path."""
from __future__ import annotations

from flask import Blueprint, abort, send_file
from flask_login import current_user, login_required

from vae.core.access import get_evidence_or_404
from vae.storage.store import path_for

bp = Blueprint("storage", __name__, url_prefix="/files")

INLINE_TYPES = ("image/", "audio/", "video/")


@bp.get("/evidence/<int:evidence_id>")
@login_required
def evidence_file(evidence_id: int):
    evidence = get_evidence_or_404(current_user, evidence_id)
    if evidence.file is None:
        abort(404)
    path = path_for(evidence.file.sha256)
    if not path.exists():
        abort(404)
    mime = evidence.file.mime_type
    inline = mime.startswith(INLINE_TYPES)
    name = evidence.original_filename or f"evidence-{evidence.id}"
    response = send_file(path, mimetype=mime, as_attachment=not inline, download_name=name,
                         conditional=True, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
