"""The dashboard page reads a snapshot of its figures, refreshed by `flask vae tick`.

`refresh()` computes them (indexed aggregates over `phase_reached`, see figures.py) and
stores them; the page reads one row. The list of every title with its cases grows with the
register (20,000 titles nationally), so it sits in its own deferred column: the page loads
only the first `TITLES_SHOWN` titles, the CSV loads them all.
"""
from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import undefer

from vae.dashboard.figures import Dashboard, dashboard
from vae.extensions import db
from vae.models import DashboardSnapshot

TITLES_SHOWN = 30  # the page's chart; the CSV lists every title


def _to_json(board: Dashboard) -> dict:
    return {key: ([list(row) for row in value] if isinstance(value, list) else value)
            for key, value in asdict(board).items()}


def _from_json(figures: dict) -> Dashboard:
    return Dashboard(per_state=figures["per_state"], per_title=[tuple(r) for r in figures["per_title"]],
                     funnel=figures["funnel"], medians=figures["medians"],
                     per_month=[tuple(r) for r in figures["per_month"]],
                     accompaniment_hours=figures.get("accompaniment_hours", 0.0))


def refresh() -> DashboardSnapshot:
    """Compute the figures and keep them as the one snapshot (flushed, not committed)."""
    figures = _to_json(dashboard())
    every_title = figures["per_title"]
    snapshot = DashboardSnapshot(figures=dict(figures, per_title=every_title[:TITLES_SHOWN]),
                                 every_title=every_title)
    db.session.execute(delete(DashboardSnapshot))
    db.session.add(snapshot)
    db.session.flush()
    return snapshot


def latest(every_title: bool = False) -> tuple[Dashboard, datetime | None]:
    """The stored figures (with the first titles only, unless `every_title`) and when they were
    computed; computed now (not stored) if none is stored yet."""
    query = select(DashboardSnapshot).order_by(DashboardSnapshot.id.desc()).limit(1)
    if every_title:
        query = query.options(undefer(DashboardSnapshot.every_title))
    snapshot = db.session.scalars(query).first()
    if snapshot is None:
        board = dashboard()
        return (board if every_title else replace(board, per_title=board.per_title[:TITLES_SHOWN])), None
    board = _from_json(snapshot.figures)
    if every_title and snapshot.every_title is not None:
        board = replace(board, per_title=[tuple(r) for r in snapshot.every_title])
    return board, snapshot.computed_at
