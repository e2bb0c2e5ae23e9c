"""Sending a stored file to someone the route has already let in (the access check is the route's)."""
from __future__ import annotations

from flask import abort, send_file

from vae.models import StoredFile
from vae.storage.store import path_for, safe_filename

INLINE_TYPES = ("image/", "audio/", "video/")


def send_stored(stored: StoredFile, filename: str):
    path = path_for(stored.sha256)
    if not path.exists():
        abort(404)
    mime = stored.mime_type
    response = send_file(path, mimetype=mime, as_attachment=not mime.startswith(INLINE_TYPES),
                         download_name=safe_filename(filename) or "file", conditional=True, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
