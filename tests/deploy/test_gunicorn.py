"""The production app server as shipped: gunicorn with gunicorn.conf.py.

Started for real on a free loopback port against the test database (SQLite or the
throwaway PostgreSQL), the way `make serve` starts it.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(database_url, tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "gunicorn.log"
    env = {**os.environ, "DATABASE_URL": database_url, "VAE_CONFIG": "production",
           "VAE_INSTANCE_DIR": str(tmp_path), "SECRET_KEY": "x" * 64, "PUBLIC_BASE_URL": base,
           "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2", "RATELIMIT_ENABLED": "false"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("wb") as out:
        process = subprocess.Popen([str(gunicorn), "-c", "gunicorn.conf.py"], cwd=ROOT, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("gunicorn did not serve:\n" + log.read_text(errors="replace"))
                time.sleep(0.3)
        yield base, log, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _access_lines(log: Path, path: str) -> list[dict]:
    lines = []
    for line in log.read_text(errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("logger") == "vae.access" and entry.get("path") == path:
            lines.append(entry)
    return lines


def test_gunicorn_serves_the_app_with_one_json_access_line_per_request(served):
    base, log, _ = served
    with urllib.request.urlopen(base + "/healthz?probe=1", timeout=5) as response:
        assert response.status == 200
        assert json.loads(response.read()) == {"status": "ok"}
        request_id = response.headers["X-Request-ID"]
    # The worker writes its line after the response: wait for it (a slow machine takes longer).
    deadline = time.monotonic() + 10
    while not (ours := [entry for entry in _access_lines(log, "/healthz") if entry.get("request_id") == request_id]):
        if time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert len(ours) == 1, log.read_text(errors="replace")
    assert ours[0]["status"] == 200
    # gunicorn's own access log is off: no Apache-style line for the same request.
    assert "GET /healthz?probe=1" not in log.read_text(errors="replace")


def test_gunicorn_runs_the_configured_number_of_workers(served):
    _, _, process = served
    children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    assert len(children) == 2
