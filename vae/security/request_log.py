"""Structured logs (one JSON object a line) carrying a request id.

The id comes from the X-Request-ID header when a proxy sets a sane one, else is
made here; it is echoed in the response so that a user's report finds the log line.
"""
from __future__ import annotations

import json
import logging
import re
import time
import uuid

from flask import Flask, Response, g, has_request_context, request

HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
access_log = logging.getLogger("vae.access")


def current_request_id() -> str | None:
    return getattr(g, "request_id", None) if has_request_context() else None


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or current_request_id(),
        }
        for key in ("method", "path", "status", "duration_ms", "user_id"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def install_json_logging(app: Flask) -> None:
    """Send the app's and the project's loggers to stderr as JSON lines (once per process)."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    handler.set_name("vae-json")
    for logger in (app.logger, logging.getLogger("vae"), access_log):
        # logging.config.fileConfig (Alembic's env.py) disables loggers that exist already.
        logger.disabled = False
        if logger is access_log:
            continue
        if not any(h.get_name() == "vae-json" for h in logger.handlers):
            logger.addHandler(handler)
        if logger.level == logging.NOTSET or logger.level > logging.INFO:
            logger.setLevel(logging.INFO)
        logger.propagate = False


def start_request() -> None:
    incoming = request.headers.get(HEADER, "")
    g.request_id = incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def finish_request(response: Response) -> Response:
    request_id = current_request_id()
    if request_id:
        response.headers[HEADER] = request_id
    started = getattr(g, "request_started", None)
    from flask_login import current_user

    user = current_user._get_current_object()  # one proxy lookup, not three
    access_log.info("request", extra={
        "request_id": request_id, "method": request.method, "path": request.path,
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        "user_id": user.get_id().partition(":")[0] if user is not None and user.is_authenticated else None,
    })
    return response
