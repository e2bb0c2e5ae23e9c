"""Benchmark: a bounded loopback load test of gunicorn (gunicorn.conf.py) with 2 and 4 workers.

    PYTHONPATH=. python bench/bench_load.py [--cases N] [--backend sqlite|postgresql] [--seconds S]

For each page (the verification page, "My blocks", the admin home, the admissibility
queue) CLIENTS keep-alive connections send requests for S seconds (default 5); printed:
requests per second, p50/p95/p99 latency and the number of errors (non-200 answers or
failed connections). Bounded: every run ends after S seconds per page and worker count.
"""
from __future__ import annotations

import argparse
import http.client
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.dataset import app_for, database, fill, postgres_unavailable, session_cookie

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited before answering")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def _client(port: int, path: str, cookie: str | None, until: float, latencies: list, errors: list) -> None:
    headers = {"Cookie": f"session={cookie}"} if cookie else {}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < until:
        start = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
            latencies.append(time.perf_counter() - start)
        except OSError as exc:
            errors.append(type(exc).__name__)
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.close()


def hammer(port: int, path: str, cookie: str | None, seconds: float) -> str:
    latencies: list[float] = []
    errors: list = []
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=_client, args=(port, path, cookie, until, latencies, errors))
               for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if len(latencies) < 2:
        return f"{len(latencies)} requests, {len(errors)} errors"
    cuts = statistics.quantiles(latencies, n=100)
    return (f"{len(latencies) / seconds:>8.1f} req/s  p50 {cuts[49] * 1000:>7.1f}ms  p95 {cuts[94] * 1000:>7.1f}ms"
            f"  p99 {cuts[98] * 1000:>7.1f}ms  errors {len(errors)}")


def run(backend: str, cases: int, seconds: float) -> None:
    print(f"\n-- {backend}, {cases:,} generated cases, {CLIENTS} clients, {seconds:g} s per page --", flush=True)
    with database(backend) as (url, instance):
        data = fill(url, instance, cases)
        app = app_for(url, instance)
        cookies = {"admin": session_cookie(app, data.admin_id), "candidate": session_cookie(app, data.candidate_id)}
        with app.app_context():
            from vae.extensions import db

            db.engine.dispose()
        pages = {"verification page": (f"/c/{data.certificate_public_id}", None),
                 "my blocks": ("/my/blocks", cookies["candidate"]),
                 "admin home": ("/home", cookies["admin"]),
                 "admissibility queue": ("/admissibility/", cookies["admin"])}
        for workers in (2, 4):
            port = _free_port()
            env = {**os.environ, "PYTHONPATH": str(ROOT), "BENCH_DATABASE_URL": url,
                   "BENCH_INSTANCE_DIR": str(instance), "GUNICORN_WORKERS": str(workers),
                   "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_LOG_LEVEL": "warning"}
            server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
                                       "bench.load_app:app"], cwd=ROOT, env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                _wait_until_up(port, server)
                print(f"   gunicorn, {workers} workers", flush=True)
                for name, (path, cookie) in pages.items():
                    print(f"   {name:<22} {hammer(port, path, cookie, seconds)}", flush=True)
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=int(os.environ.get("BENCH_CASES", "2000")))
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", "5")))
    args, _ = parser.parse_known_args(argv)
    if args.backend == "postgresql" and postgres_unavailable():
        print(f"postgresql unavailable: {postgres_unavailable()}")
        return 0
    import logging

    for name in ("vae", "vae.access", "alembic"):
        logging.getLogger(name).setLevel(logging.WARNING)
    run(args.backend, args.cases, args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
