"""Sending a stored file to someone the route has already let in (the access check is the route's)."""
from __future__ import annotations

from flask import abort

from vae.models import StoredFile
from vae.storage.serving import stored_file_response
from vae.storage.store import safe_filename

INLINE_TYPES = ("image/", "audio/", "video/")


def send_stored(stored: StoredFile, filename: str):
    """Photos, recordings and videos play in the page; anything else downloads. Local disk or
    bucket alike (`serving.stored_file_response`); 404 when the bytes are missing."""
    mime = stored.mime_type
    response = stored_file_response(stored.sha256, mime, as_attachment=not mime.startswith(INLINE_TYPES),
                                    download_name=safe_filename(filename) or "file")
    if response is None:
        abort(404)
    return response
