"""Security headers on every answer, request ids, JSON logs, and templates that need no inline script or style."""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import vae
from vae.security.request_log import JsonFormatter

TEMPLATES = Path(vae.__file__).parent / "templates"


def test_every_page_carries_the_security_headers(client):
    for url in ("/", "/auth/login", "/no-such-page"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "Strict-Transport-Security" not in headers  # plain HTTP


def test_hsts_when_served_over_https(client):
    assert "max-age=" in client.get("/", base_url="https://localhost").headers["Strict-Transport-Security"]


def test_no_template_has_inline_script_style_or_event_handlers():
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        if "emails" in template.parts:
            continue  # mail clients, not browsers under our CSP
        text = template.read_text()
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"\sstyle\s*=", r"<style", r"\son[a-z]+\s*=", r"javascript:"):
            if re.search(pattern, text, re.IGNORECASE):
                offenders.append(f"{template.relative_to(TEMPLATES)}: {pattern}")
    assert not offenders


def test_a_request_id_is_echoed_or_made(client):
    assert client.get("/", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"] == "abc-123"
    made = client.get("/", headers={"X-Request-ID": "bad id; <script>"}).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)


def test_logs_are_json_lines_with_the_request_id(app, client, caplog):
    formatter = JsonFormatter()
    with caplog.at_level(logging.INFO, logger="vae.access"):
        logging.getLogger("vae.access").addHandler(caplog.handler)
        try:
            client.get("/healthz", headers={"X-Request-ID": "trace-42"})
        finally:
            logging.getLogger("vae.access").removeHandler(caplog.handler)
    line = json.loads(formatter.format(next(r for r in caplog.records if r.name == "vae.access")))
    assert line["request_id"] == "trace-42" and line["path"] == "/healthz" and line["status"] == 200


def test_errors_show_no_stack_trace(app, client):
    @app.get("/boom-for-test")
    def boom():
        raise RuntimeError("secret internals")

    response = client.get("/boom-for-test")
    assert response.status_code == 500
    assert "secret internals" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
