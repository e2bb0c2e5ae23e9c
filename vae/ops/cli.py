from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from vae.core.cli import vae_cli


@vae_cli.command("backup")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def backup_command(dest: Path) -> None:
    """Back up the database and the uploaded files into the directory DEST."""
    from vae.ops.backup import BackupError, backup

    try:
        manifest = backup(dest)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"backup written to {dest}: {manifest['rows']} rows counted, {manifest['upload_files']} files")


@vae_cli.command("restore")
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
@with_appcontext
def restore_command(src: Path) -> None:
    """Restore a backup made by `flask vae backup` into this instance's database and upload directory."""
    from vae.ops.backup import BackupError, restore

    try:
        manifest = restore(src)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"restored {src} (made {manifest['created_at']}); row counts match")
