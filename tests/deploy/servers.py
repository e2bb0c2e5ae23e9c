"""App servers as deployed: gunicorn processes (one worker each) on free loopback ports, and a browser-less client."""
from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s" * 64  # the same on every app server, as docs/deployment.md requires


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(database_url: str, instance: Path, **settings: str):
    """One app server; `settings` are environment variables (REDIS_URL, RATELIMIT_LOGIN...)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    instance.mkdir(parents=True, exist_ok=True)
    log = instance / "gunicorn.log"
    env = {**os.environ, "DATABASE_URL": database_url, "VAE_CONFIG": "production", "VAE_INSTANCE_DIR": str(instance),
           "SECRET_KEY": SECRET, "PUBLIC_BASE_URL": base, "GUNICORN_BIND": f"127.0.0.1:{port}",
           "GUNICORN_WORKERS": "1", **settings}
    with log.open("wb") as out:
        process = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py"],
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/readyz", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("gunicorn did not serve:\n" + log.read_text(errors="replace"))
                time.sleep(0.3)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies shared across ports (as a browser does for one host), redirects not followed."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, url: str, form: dict | None = None) -> tuple[int, str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(url, data=data, timeout=30) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def csrf(self, url: str) -> str:
        status, page = self.request(url)
        assert status == 200, (url, status)
        return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)

    def cookie(self, name: str) -> http.cookiejar.Cookie:
        return next(c for c in self.jar if c.name == name)
