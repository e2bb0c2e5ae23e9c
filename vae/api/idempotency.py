"""`Idempotency-Key` on POST: a retry of the same request gets the first answer, not a second effect.

The first answer is stored with the request's fingerprint in the same transaction as
the change it made (the view's commit); a different body under the same key is a 422.
A key is per account and kept `IDEMPOTENCY_TTL_HOURS` (expired keys are swept lazily).
"""
from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from flask import Response, current_app, g, request
from sqlalchemy import delete, select

from vae.api.problems import ApiProblem
from vae.core.clock import now
from vae.extensions import db
from vae.models import IdempotencyKey

HEADER = "Idempotency-Key"
VALID = re.compile(r"^[\x21-\x7e]{1,200}$")
KEPT_HEADERS = ("Location", "ETag")


def _fingerprint() -> str:
    sha = hashlib.sha256()
    sha.update(request.method.encode() + b" " + request.path.encode() + b"\n")
    sha.update(request.get_data(cache=True))
    return sha.hexdigest()


def _key() -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not VALID.match(key):
        raise ApiProblem(422, "Idempotency-Key must be 1 to 200 visible ASCII characters.", slug="validation")
    return key


def replay_or_reserve(caller) -> Response | None:
    """The stored answer for a retried request, or None (the view runs)."""
    key = _key()
    if key is None:
        return None
    ttl = timedelta(hours=current_app.config.get("IDEMPOTENCY_TTL_HOURS", 24))
    found = db.session.scalar(select(IdempotencyKey).where(IdempotencyKey.user_id == caller.user.id,
                                                           IdempotencyKey.key == key))
    if found is not None and found.created_at < now() - ttl:
        db.session.execute(delete(IdempotencyKey).where(IdempotencyKey.id == found.id))
        found = None
    if found is None:
        g.idempotency_key = key
        return None
    if found.request_hash != _fingerprint():
        raise ApiProblem(422, "This Idempotency-Key was used with another request.", slug="idempotency-mismatch")
    response = Response(found.response_body, status=found.status_code,
                        mimetype="application/problem+json" if found.status_code >= 400 else "application/json")
    for name, value in (found.headers or {}).items():
        response.headers[name] = value
    response.headers["Idempotent-Replayed"] = "true"
    return response


def remember(caller, response: Response) -> None:
    """Store the answer under the request's key; the request's one commit saves it with the change."""
    key = g.pop("idempotency_key", None)
    if key is None or response.status_code >= 500:
        return
    db.session.add(IdempotencyKey(user_id=caller.user.id, key=key, request_hash=_fingerprint(),
                                  status_code=response.status_code, response_body=response.get_data(as_text=True),
                                  headers={h: response.headers[h] for h in KEPT_HEADERS if h in response.headers}))
