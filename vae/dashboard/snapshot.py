"""The dashboard page reads a snapshot of its figures instead of the audit journal.

Computing the figures reads every journal row (medians per phase): seconds at 100,000
cases. `flask vae dashboard-refresh` (run with `flask vae tick`) computes them once and
stores them; the page reads one row. The snapshot holds exactly what `figures.dashboard()`
answered, so the figures stay those of the journal, as of `computed_at`.
"""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import delete, select

from vae.dashboard.figures import Dashboard, dashboard
from vae.extensions import db
from vae.models import DashboardSnapshot


def _to_json(board: Dashboard) -> dict:
    return {key: ([list(row) for row in value] if isinstance(value, list) else value)
            for key, value in asdict(board).items()}


def _from_json(figures: dict) -> Dashboard:
    return Dashboard(per_state=figures["per_state"], per_title=[tuple(r) for r in figures["per_title"]],
                     funnel=figures["funnel"], medians=figures["medians"],
                     per_month=[tuple(r) for r in figures["per_month"]])


def refresh() -> DashboardSnapshot:
    """Compute the figures from the journal and keep them as the one snapshot (flushed, not committed)."""
    snapshot = DashboardSnapshot(figures=_to_json(dashboard()))
    db.session.execute(delete(DashboardSnapshot))
    db.session.add(snapshot)
    db.session.flush()
    return snapshot


def latest() -> tuple[Dashboard, datetime | None]:
    """The stored figures and when they were computed; computed now (not stored) if none is stored yet."""
    snapshot = db.session.scalars(select(DashboardSnapshot).order_by(DashboardSnapshot.id.desc()).limit(1)).first()
    if snapshot is None:
        return dashboard(), None
    return _from_json(snapshot.figures), snapshot.computed_at
