"""`flask vae import-rncp FILE`: load a France Compétences register extract."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from vae.core.cli import vae_cli
from vae.extensions import db

PROGRESS_EVERY = 1000


@vae_cli.command("import-rncp")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Print the report and write nothing (the import is rolled back).")
@with_appcontext
def import_rncp(path: str, dry_run: bool) -> None:
    """Import titles, blocks and competences from the register XML (or the zip holding it)."""
    from vae.catalog.rncp_import import import_register_file
    from vae.catalog.rncp_xml import RegisterFileError

    def progress(count: int) -> None:
        if count % PROGRESS_EVERY == 0:
            click.echo(f"… {count} fiches read", err=True)

    try:
        report = import_register_file(path, on_progress=progress)
    except RegisterFileError as error:
        db.session.rollback()
        raise click.ClickException(f"{path}: {error}. Nothing was imported.") from error
    if dry_run:
        # The import ran for real inside the transaction (later fiches saw earlier ones): undo it all.
        db.session.rollback()
        click.echo(report.describe())
        click.echo("dry run: nothing was written")
        return
    db.session.commit()
    click.echo(report.describe())
