"""A first line against hostile input, before any view runs: every form field and
query parameter must be valid UTF-8 text without control characters and of sane length.
Views still validate meaning (Flask-WTF); this only refuses what no field ever accepts.
"""
from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from flask import current_app, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

# Tab, newline and carriage return are text; every other C0 control and DEL is not.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
REPLACEMENT = "\ufffd"  # what Werkzeug decodes invalid UTF-8 into
DEFAULT_MAX_FIELD_CHARS = 50_000
# 50,000 characters of accented text, percent-encoded, fit in about 450 kB.
DEFAULT_MAX_FORM_BYTES = 1024 * 1024


def problem_with(value: str, limit: int) -> str | None:
    if len(value) > limit:
        return "too long"
    if REPLACEMENT in value:
        return "invalid UTF-8"
    if CONTROL.search(value):
        return "control character"
    return None


def is_valid_utf8(encoded: bytes) -> bool:
    """Werkzeug leaves undecodable %-sequences as they are, so the raw bytes are checked."""
    try:
        unquote_to_bytes(encoded.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def bound_form_bodies() -> None:
    """A form body larger than MAX_FORM_BYTES is refused by its Content-Length, before a byte is read,
    and a body without one stops being read at that size (Werkzeug raises 413 either way)."""
    limit = current_app.config.get("MAX_FORM_BYTES", DEFAULT_MAX_FORM_BYTES)
    if request.mimetype == "application/x-www-form-urlencoded":
        if request.content_length is not None and request.content_length > limit:
            raise RequestEntityTooLarge()
        request.max_content_length = limit
    elif request.mimetype == "multipart/form-data":
        request.max_form_memory_size = limit  # the text fields; files are bounded by MAX_CONTENT_LENGTH


def refuse_hostile_input() -> None:
    """Runs before CSRF (see install): the CSRF check parses the form, after which the raw body is gone."""
    limit = current_app.config.get("MAX_FORM_FIELD_CHARS", DEFAULT_MAX_FIELD_CHARS)
    if not is_valid_utf8(request.query_string):
        raise BadRequest("invalid UTF-8 in the query")
    bound_form_bodies()
    if request.mimetype == "application/x-www-form-urlencoded":
        body = request.get_data(cache=True)
        if request.content_length is None and len(body) >= request.max_content_length:
            raise RequestEntityTooLarge()  # a streamed body cut at the limit: never parse half a form
        if not is_valid_utf8(body):
            raise BadRequest("invalid UTF-8 in the form")
    sources = [request.args]
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and request.mimetype in (
            "application/x-www-form-urlencoded", "multipart/form-data"):
        sources.append(request.form)
    for source in sources:
        for key, value in source.items(multi=True):
            problem = problem_with(key, 200) or problem_with(value, limit)
            if problem:
                raise BadRequest(f"{problem} in field {key[:40]!r}")
    if REPLACEMENT in request.path or CONTROL.search(request.path):
        raise BadRequest("invalid path")


def install(app, first=()) -> None:
    """Put `first` (the request id) then the guard ahead of every other before-request hook,
    in particular Flask-WTF's CSRF check, which reads the form and would leave the raw-body
    UTF-8 check nothing to read."""
    hooks = app.before_request_funcs.setdefault(None, [])
    for hook in (*first, refuse_hostile_input):
        if hook in hooks:
            hooks.remove(hook)
    hooks[0:0] = [*first, refuse_hostile_input]
