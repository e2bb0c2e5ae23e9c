"""Benchmark: each staff page beside a bare Flask + SQLAlchemy route running its main query.

    PYTHONPATH=. python bench/bench_pages.py [--cases N] [--backend sqlite|postgresql|both]
                                             [--keep DIR] [--only PAGE,PAGE]

N defaults to BENCH_CASES or 2,000 so that `make bench` stays short; the issue's goal is
measured with `--cases 100000` (docs/performance.md has the figures). `--keep DIR` (or
BENCH_KEEP) stores the generated dataset in DIR and reuses it on the next run of the same
backend and size: a 100k generation takes minutes, a restore seconds.

Both apps run in this process on the same database. The rounds are interleaved (one
request to our page, one to the bare route, in turn), so a neighbour's load on a shared
machine slows both alike; each line is the median of ROUNDS pairs and the median of the
per-pair ratios project / bare (goal at 100k on PostgreSQL: staff pages ≤ 1.5×,
dashboard ≤ 3×). The last column, the floor, is the ratio a page would show if it cost no more
than the bare route's query plus the same person's layout: a "not found" page signed in as
them, timed in the same rounds (the session, the person loaded, the header and footer).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from flask import Flask
from sqlalchemy import create_engine, func, select, text

from pathlib import Path

from bench.dataset import app_for, filled_database, postgres_unavailable, session_cookie

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
# The cheapest page there is: the layout (header, nav, footer) around a "not found" message.
FLOOR_PATH = "/bench-floor/not-a-page"


def bare_app(url: str, mentor_id: int, candidate_id: int, public_id: str) -> Flask:
    """The same single query each page is built on, rendered as a bare string."""
    from vae.models import AuditEvent, Case, Certificate, JurySession, Title, User

    engine = create_engine(url)
    app = Flask("bare")
    queue = (select(Case.id, Case.submitted_at, User.first_name, User.last_name, Title.rncp_code)
             .join(User, Case.candidate_id == User.id).join(Title, Case.title_id == Title.id))
    queries = {
        "admin home": queue.where(Case.state == "submitted")
        .order_by(Case.state, Case.submitted_at.is_(None), Case.submitted_at, Case.last_activity_at, Case.id).limit(20),
        "admissibility queue": queue.where(Case.state == "submitted").order_by(Case.submitted_at, Case.id).limit(50),
        "mentor queue": queue.where(Case.mentor_id == mentor_id, Case.state.in_(
            ("draft", "submitted", "incomplete", "admissible"))).order_by(Case.last_activity_at, Case.id).limit(30),
        "people": select(User.id, User.first_name, User.last_name, User.email)
        .order_by(User.last_name, User.first_name, User.id).limit(50),
        "catalogue": select(Title.id, Title.rncp_code, Title.label).where(Title.active)
        .order_by(Title.rncp_code).limit(20),
        "certificates of sessions": select(JurySession.id, JurySession.starts_at)
        .where(JurySession.state == "signed").order_by(JurySession.starts_at.desc()).limit(20),
        "audit": select(AuditEvent.id, AuditEvent.event, AuditEvent.occurred_at)
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc()).limit(50),
        "dashboard": select(Case.state, func.count()).group_by(Case.state),
        "verification page": select(Certificate).where(Certificate.public_id == public_id),
        "my blocks": select(Certificate.id, Certificate.kind).where(Certificate.candidate_id == candidate_id),
    }

    def view(name):
        def run():
            with engine.connect() as connection:
                rows = connection.execute(queries[name]).all()
            return "".join(f"<p>{row}</p>" for row in rows)
        return run

    for name in queries:
        app.add_url_rule(f"/{name.replace(' ', '-')}", name, view(name))
    app.config["ENGINE"] = engine
    return app


def pages(public_id: str) -> dict[str, tuple[str, str]]:
    """Page name -> (who, path)."""
    return {
        "admin home": ("admin", "/home"),
        "admissibility queue": ("admin", "/admissibility/"),
        "mentor queue": ("mentor", "/mentor/"),
        "people": ("admin", "/admin/users"),
        "catalogue": ("admin", "/catalog/"),
        "certificates of sessions": ("admin", "/admin/certification/sessions"),
        "audit": ("admin", "/security/audit"),
        "dashboard": ("admin", "/dashboard/"),
        "verification page": ("anonymous", f"/c/{public_id}"),
        "my blocks": ("candidate", "/my/blocks"),
    }


def _timed_ms(client, path: str) -> float:
    start = time.perf_counter()
    client.get(path)
    return (time.perf_counter() - start) * 1000


def interleaved_ms(ours: tuple, bare: tuple, floor: tuple) -> tuple[float, float, float, float]:
    """Median ms of our page, of the bare route, median ratio of ROUNDS alternated pairs, and
    the median floor ratio: (the same person's layout-only page + the bare route) / the bare route."""
    for client, path in (ours, bare):
        first = client.get(path)  # warm-up, and a wrong page must not be timed
        if first.status_code != 200:
            raise SystemExit(f"{path} answered {first.status_code}")
    floor[0].get(floor[1])
    rounds = []
    for turn in range(ROUNDS):
        if turn % 2:  # who goes first alternates too
            theirs = _timed_ms(*bare)
            mine = _timed_ms(*ours)
        else:
            mine = _timed_ms(*ours)
            theirs = _timed_ms(*bare)
        rounds.append((mine, theirs, _timed_ms(*floor)))
    return (statistics.median(r[0] for r in rounds), statistics.median(r[1] for r in rounds),
            statistics.median(r[0] / r[1] for r in rounds), statistics.median((r[2] + r[1]) / r[1] for r in rounds))


def quiet() -> None:
    """The access log and migration chatter would drown the figures."""
    import logging

    for name in ("vae", "vae.access", "alembic", "werkzeug"):
        logging.getLogger(name).setLevel(logging.WARNING)


def run(backend: str, cases: int, keep: Path | None = None, only: set[str] | None = None) -> None:
    print(f"\n-- {backend}, {cases:,} generated cases, load average {os.getloadavg()[0]:.2f} --", flush=True)
    quiet()
    with filled_database(backend, cases, keep) as (url, instance, data):
        print("   dataset:", data.sizes, flush=True)
        app = app_for(url, instance)
        quiet()
        cookies = {"admin": session_cookie(app, data.admin_id), "mentor": session_cookie(app, data.mentor_id),
                   "candidate": session_cookie(app, data.candidate_id), "anonymous": None}
        bare = bare_app(url, data.mentor_id, data.candidate_id, data.certificate_public_id)
        clients = {}
        for who, cookie in cookies.items():
            clients[who] = app.test_client()
            if cookie:
                clients[who].set_cookie("session", cookie)
        baseline = bare.test_client()
        print(f"   {'page':<26} {'project':>10} {'bare':>10} {'ratio':>7} {'floor':>7}")
        for name, (who, path) in pages(data.certificate_public_id).items():
            if only and name not in only:
                continue
            ours, theirs, ratio, floor = interleaved_ms(
                (clients[who], path), (baseline, f"/{name.replace(' ', '-')}"), (clients[who], FLOOR_PATH))
            print(f"   {name:<26} {ours:>8.1f}ms {theirs:>8.1f}ms {ratio:>6.1f}× {floor:>6.1f}×", flush=True)
        print("   floor: what the page would score if it cost its bare query plus the same person's\n"
              "   layout and no more (a page not found, signed in as them): the best ratio a page can show")
        print(f"   load average after: {os.getloadavg()[0]:.2f}", flush=True)
        bare.config["ENGINE"].dispose()
        with app.app_context():
            from vae.extensions import db

            db.engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=int(os.environ.get("BENCH_CASES", "2000")))
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--keep", type=Path, default=os.environ.get("BENCH_KEEP") or None,
                        help="store the generated dataset here and reuse it next time")
    parser.add_argument("--only", default="", help="comma-separated page names to measure")
    args, _ = parser.parse_known_args(argv)
    only = {name.strip() for name in args.only.split(",") if name.strip()} or None
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        if backend == "postgresql" and postgres_unavailable():
            print(f"\n-- postgresql skipped: {postgres_unavailable()}")
            continue
        run(backend, args.cases, args.keep, only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
