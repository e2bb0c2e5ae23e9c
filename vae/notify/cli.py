"""`flask vae tick`: the deadline sweep cron runs (with `flask vae send-mail`, in vae/outbox/cli.py)."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from vae.core.cli import vae_cli
from vae.extensions import db
from vae.notify.deadlines import run_deadlines
from vae.storage.store import remove_stale_temp_files


@vae_cli.command("tick")
@with_appcontext
def tick() -> None:
    """Apply the deadlines (admissibility by silence, inactivity, interview reminders, late results)."""
    report = run_deadlines()
    db.session.commit()
    click.echo(report.describe())
    click.echo(f"stale temporary uploads removed: {remove_stale_temp_files()}")
