"""One answer for a stored file, from disk or from the object store, after the caller's access check."""
from __future__ import annotations

import io

from flask import Response, send_file, stream_with_context

from vae.storage import blobs

CHUNK = 256 * 1024


def stored_file_response(sha256: str, mimetype: str, *, as_attachment: bool, download_name: str) -> Response | None:
    """None when the bytes are missing. Never a redirect to the store: the bucket stays private."""
    if not blobs.using_s3():
        path = blobs.local_path(sha256)
        if not path.is_file():
            return None
        response = send_file(path, mimetype=mimetype, as_attachment=as_attachment, download_name=download_name,
                             conditional=True, max_age=0)
    else:
        found = blobs.open_stream(sha256)
        if found is None:
            return None
        body, size = found

        def chunks():
            with body:
                while chunk := body.read(CHUNK):
                    yield chunk

        # Same headers as send_file gives (name and disposition), streamed from the bucket.
        probe = send_file(io.BytesIO(b""), mimetype=mimetype, as_attachment=as_attachment,
                          download_name=download_name)
        response = Response(stream_with_context(chunks()), mimetype=mimetype)
        response.headers["Content-Disposition"] = probe.headers["Content-Disposition"]
        response.headers["Content-Length"] = str(size)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
