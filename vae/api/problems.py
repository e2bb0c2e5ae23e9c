"""Errors under /api/v1 as RFC 9457 problem details (`application/problem+json`).

The web's error pages stay as they are: `register_problem_handlers` wraps the app's
handlers so that only requests whose path is under the API prefix get JSON.
"""
from __future__ import annotations

import logging

from flask import Flask, Response, json, request
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from vae.extensions import db

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
PROBLEM_TYPE = "https://vae.example/problems/"  # documentation anchors, see docs/api.md

TITLES = {
    400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found",
    405: "Method not allowed", 406: "Not acceptable", 409: "Conflict", 412: "Precondition failed",
    413: "Payload too large", 415: "Unsupported media type", 422: "Unprocessable content",
    428: "Precondition required", 429: "Too many requests", 500: "Internal server error",
}
SLUGS = {
    400: "bad-request", 401: "unauthorized", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
    406: "not-acceptable", 409: "conflict", 412: "precondition-failed", 413: "payload-too-large",
    415: "unsupported-media-type", 422: "validation", 428: "precondition-required",
    429: "rate-limited", 500: "internal",
}


class ApiProblem(HTTPException):
    """Raise from an API view: any status, a detail, and extra members (reasons, errors…)."""

    def __init__(self, status: int, detail: str | None = None, *, slug: str | None = None,
                 headers: dict[str, str] | None = None, **extra) -> None:
        super().__init__(description=detail)
        self.code = status
        self.slug = slug
        self.extra = extra
        self.extra_headers = headers or {}


def problem(status: int, detail: str | None = None, *, slug: str | None = None,
            headers: dict[str, str] | None = None, **extra) -> Response:
    body = {"type": PROBLEM_TYPE + (slug or SLUGS.get(status, "error")),
            "title": TITLES.get(status, "Error"), "status": status}
    if detail:
        body["detail"] = str(detail)
    body["instance"] = request.path if request else None
    if body["instance"] is None:
        del body["instance"]
    body.update({k: v for k, v in extra.items() if v is not None})
    response = Response(json.dumps(body), status=status, mimetype="application/problem+json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


HTML_PAGES = (API_PREFIX + "/docs",)  # a page for people: its errors are the site's pages


def is_api_request() -> bool:
    return bool(request) and request.path not in HTML_PAGES and (
        request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/"))


def problem_from_http(error: HTTPException) -> Response:
    status = error.code or 500
    if isinstance(error, ApiProblem):
        return problem(status, error.description, slug=error.slug, headers=error.extra_headers, **error.extra)
    if status >= 500:
        status = 500
    detail = error.description if status < 500 else None
    if status == 405 and isinstance(error, HTTPException):
        allowed = error.get_headers()
        headers = {k: v for k, v in allowed if k.lower() == "allow"}
        return problem(405, detail, headers=headers)
    if status == 401:
        return problem(401, detail, headers={"WWW-Authenticate": 'Bearer realm="vae"'})
    if status == 429:
        return problem(429, "Too many requests: slow down and retry later.",
                       headers={k: v for k, v in error.get_headers() if k.lower().startswith(("retry", "x-ratelimit"))})
    if status == 413:
        return problem(413, "The request body is too large.")
    return problem(status if status in TITLES else 400, _plain(detail))


def _plain(detail) -> str | None:
    return str(detail) if detail else None


def register_problem_handlers(app: Flask) -> None:
    """Wrap the app's (HTML) handlers: API paths answer problem+json, the web is unchanged."""
    handlers = app.error_handler_spec.setdefault(None, {}).setdefault(None, {})
    web_http = handlers.get(HTTPException)
    web_stale = handlers.get(StaleDataError)
    web_unexpected = handlers.get(Exception)

    def http_error(error: HTTPException):
        if is_api_request():
            if (error.code or 500) >= 500:
                db.session.rollback()
            return problem_from_http(error)
        return web_http(error) if web_http else error

    def stale(error):
        if is_api_request():
            db.session.rollback()
            return problem(409, "The case was changed meanwhile by someone else: read it again and retry.",
                           slug="stale")
        return web_stale(error)

    def unexpected(error: Exception):
        if is_api_request():
            db.session.rollback()
            log.exception("unhandled API error on %s %s", request.method, request.path)
            return problem(500, "An unexpected error happened. It has been logged.")
        return web_unexpected(error)

    app.register_error_handler(HTTPException, http_error)
    if web_stale is not None:
        app.register_error_handler(StaleDataError, stale)
    if web_unexpected is not None:
        app.register_error_handler(Exception, unexpected)
