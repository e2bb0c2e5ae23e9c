"""The dashboard's refresh as a job (`flask vae enqueue dashboard_refresh`, from cron or an admin)."""
from __future__ import annotations

from vae.dashboard.snapshot import refresh
from vae.extensions import db
from vae.jobs.registry import Progress, job


@job("dashboard_refresh")
def dashboard_refresh(params: dict, progress: Progress) -> str:
    """Cheap (indexed aggregates over `phase_reached`) and idempotent: a retried attempt is harmless."""
    snapshot = refresh()
    db.session.commit()
    return f"dashboard figures computed at {snapshot.computed_at.isoformat()}"
