"""`flask vae worker` (runs the queued jobs) and `flask vae enqueue KIND` (cron's way to queue one)."""
from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from vae.core.cli import vae_cli
from vae.extensions import db


@vae_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
@with_appcontext
def worker(burst: bool) -> None:
    """Run queued jobs (RQ on Redis: JOB_QUEUE_URL or REDIS_URL)."""
    from vae.jobs.queue import queue_url
    from vae.jobs.rq_engine import work

    url = queue_url()
    if not url:
        raise click.ClickException("no queue configured (set REDIS_URL or JOB_QUEUE_URL): jobs run in-process")
    work(url, burst=burst)


@vae_cli.command("enqueue")
@click.argument("kind")
@click.option("--params", default="{}", help='JSON object, e.g. \'{"path": "/data/rncp.zip"}\'.')
@with_appcontext
def enqueue_command(kind: str, params: str) -> None:
    """Queue a job (send_mail, deadline_sweep, dashboard_refresh, rncp_import, gdpr_export, certificate_batch)."""
    from vae.jobs.queue import enqueue, start
    from vae.jobs.registry import KINDS

    if kind not in KINDS:
        raise click.ClickException(f"unknown job kind {kind}; known: {', '.join(sorted(KINDS))}")
    try:
        values = json.loads(params)
    except ValueError as error:
        raise click.ClickException(f"--params is not JSON: {error}") from error
    run = enqueue(kind, values)
    db.session.commit()
    start(run)
    db.session.refresh(run)
    click.echo(f"job {run.id} ({kind}): {run.state}")
