"""`flask vae send-mail`: send what the outbox holds, after the commits that queued it (cron runs it)."""
from __future__ import annotations

import time

import click
from flask.cli import with_appcontext

from vae.core.cli import vae_cli
from vae.extensions import db
from vae.outbox.sending import send_pending


@vae_cli.command("send-mail")
@click.option("--loop", is_flag=True, help="Keep sending, one pass every --interval seconds.")
@click.option("--interval", default=30, show_default=True, type=click.IntRange(1, 3600))
@click.option("--limit", default=None, type=click.IntRange(1, 10_000), help="At most this many per pass.")
@with_appcontext
def send_mail(loop: bool, interval: int, limit: int | None) -> None:
    """Send the outbox messages that are due (retries with backoff; dead after MAIL_MAX_ATTEMPTS)."""
    while True:
        report = send_pending(limit)
        db.session.remove()  # no identity map carried from one pass to the next
        if report.sent or report.failed or report.dead or not loop:
            click.echo(report.describe())
        if not loop:
            return
        time.sleep(interval)
