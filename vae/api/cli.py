"""`flask vae send-webhooks` (cron, beside send-mail) and `flask vae create-api-client`."""
from __future__ import annotations

import time

import click
from flask.cli import with_appcontext

from vae.core.cli import vae_cli
from vae.extensions import db


@vae_cli.command("send-webhooks")
@click.option("--loop", is_flag=True, help="Keep sending, one pass every --interval seconds.")
@click.option("--interval", default=30, show_default=True, type=click.IntRange(1, 3600))
@click.option("--limit", default=None, type=click.IntRange(1, 10_000), help="At most this many per pass.")
@with_appcontext
def send_webhooks(loop: bool, interval: int, limit: int | None) -> None:
    """Post the due webhook deliveries (signed; retries with backoff; dead after WEBHOOK_MAX_ATTEMPTS)."""
    from vae.api.webhooks import send_due_webhooks

    while True:
        report = send_due_webhooks(limit)
        db.session.remove()
        if report.sent or report.failed or report.dead or not loop:
            click.echo(report.describe())
        if not loop:
            return
        time.sleep(interval)


@vae_cli.command("create-api-client")
@click.option("--name", required=True, help="The organisation, e.g. 'Plateforme VAE'.")
@click.option("--acting-email", required=True, help="The account whose access the client has.")
@click.option("--scope", "scopes", multiple=True, required=True)
@with_appcontext
def create_api_client(name: str, acting_email: str, scopes: tuple[str, ...]) -> None:
    """Register an organisation's client credentials; prints the secret once."""
    from vae.api.auth import SCOPES, create_client
    from vae.models import User

    user = User.by_email(acting_email)
    if user is None:
        raise click.ClickException(f"no account {acting_email}")
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise click.ClickException(f"unknown scopes {unknown}; known: {sorted(SCOPES)}")
    client, secret = create_client(name=name, acting_user=user, scopes=scopes, actor=None)
    db.session.commit()
    click.echo(f"client_id: {client.client_id}  client_secret: {secret}  (shown once)")
