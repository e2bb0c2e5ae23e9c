"""`flask vae tick`: the deadline sweep cron runs (with `flask vae send-mail`, in vae/outbox/cli.py)."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from vae.core.cli import vae_cli
from vae.extensions import db
from vae.notify.deadlines import run_deadlines


@vae_cli.command("tick")
@with_appcontext
def tick() -> None:
    """Apply the deadlines (admissibility by silence, inactivity, interview reminders, late results)."""
    report = run_deadlines()
    db.session.commit()
    click.echo(report.describe())
