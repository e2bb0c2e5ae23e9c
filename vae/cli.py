"""`flask vae …`: the application's own commands (the features add theirs from vae/<feature>/cli.py)."""
from __future__ import annotations

import secrets

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from vae.auth.operations import create_user as create
from vae.catalog.reference import load_reference_titles
from vae.core.cli import vae_cli
from vae.dashboard.snapshot import refresh as refresh_dashboard
from vae.demo import ACCOUNTS, demo_email, load_demo
from vae.extensions import db
from vae.models import User
from vae.notify.deadlines import run_deadlines
from vae.storage.store import remove_stale_temp_files
from vae.workflows.diagram import all_diagrams


@vae_cli.command("diagram")
@click.option("--workflow", type=click.Choice(["case", "case_block"]), default=None)
def diagram(workflow: str | None) -> None:
    """Print the workflow tables as Mermaid state diagrams."""
    for name, text in all_diagrams().items():
        if workflow in (None, name):
            click.echo(f"%% workflow: {name}\n```mermaid\n{text}```\n")


@vae_cli.command("tick")
@with_appcontext
def tick() -> None:
    """Apply the deadlines (admissibility by silence, inactivity, interview reminders, late results),
    then recompute the dashboard's figures (they include what the deadlines just changed)."""
    # Here, at the top of the layers: the sweep (vae.notify) may not import the dashboard.
    report = run_deadlines()
    db.session.commit()
    click.echo(report.describe())
    click.echo(f"stale temporary uploads removed: {remove_stale_temp_files()}")
    snapshot = refresh_dashboard()
    db.session.commit()
    click.echo(f"dashboard figures computed at {snapshot.computed_at.isoformat()}")


@vae_cli.command("demo")
@with_appcontext
def demo() -> None:
    """Load the IPERIA titles, one demo account per role and cases in every state (idempotent)."""
    report = load_demo()
    db.session.commit()
    report.place_files()
    click.echo(report.describe())


@vae_cli.command("load-titles")
@with_appcontext
def load_titles() -> None:
    """Load the project's own IPERIA titles (no register file needed)."""
    created = load_reference_titles()
    db.session.commit()
    click.echo(f"titles created: {created}")


@vae_cli.command("create-user")
@click.option("--email", required=True)
@click.option("--first-name", required=True)
@click.option("--last-name", required=True)
@click.option("--role", "roles", multiple=True, required=True,
              type=click.Choice(["candidate", "mentor", "jury", "admin"]))
@with_appcontext
def create_user(email: str, first_name: str, last_name: str, roles: tuple[str, ...]) -> None:
    """Create an account and print a one-time password."""
    if User.by_email(email):
        raise click.ClickException(f"an account already uses {email}")
    password = secrets.token_urlsafe(12)
    create(email=email, first_name=first_name, last_name=last_name, roles=roles, password=password)
    db.session.commit()
    click.echo(f"{email}  password: {password}  (shown once)")


@vae_cli.command("demo-if-empty")
@with_appcontext
def demo_if_empty() -> None:
    """Load the demo only into an empty database (what `make run` does), and say how to log in."""
    if db.session.scalar(select(func.count(User.id))):
        click.echo("Database already has accounts; demo logins (if loaded): "
                   + ", ".join(demo_email(key) for key, *_ in ACCOUNTS))
        return
    report = load_demo()
    db.session.commit()
    report.place_files()
    click.echo(report.describe())
