"""`flask vae dashboard-refresh`: recompute the dashboard's figures (`flask vae tick` does it too)."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from vae.core.cli import vae_cli
from vae.dashboard.snapshot import refresh
from vae.extensions import db


@vae_cli.command("dashboard-refresh")
@with_appcontext
def dashboard_refresh() -> None:
    """Compute the dashboard's figures from the phase timestamps and store them for the page."""
    snapshot = refresh()
    db.session.commit()
    click.echo(f"dashboard figures computed at {snapshot.computed_at.isoformat()}")
