from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from vae.core.cli import vae_cli
from vae.extensions import db


@vae_cli.command("erase-expired-personal-data")
@click.option("--days", type=int, default=None, help="Retention in days (default: PERSONAL_DATA_RETENTION_DAYS).")
@with_appcontext
def erase_expired_personal_data(days: int | None) -> None:
    """Erase the personal data of cases abandoned longer ago than the retention period."""
    from vae.privacy.retention import erase_expired_personal_data as erase

    report = erase(days if days is not None else current_app.config["PERSONAL_DATA_RETENTION_DAYS"])
    db.session.commit()
    from vae.storage import blobs

    for path in report.files_to_unlink:  # only once the rows are gone for good
        path.unlink(missing_ok=True)
        blobs.remove(path.name)  # the name is the hash; on S3 the object goes too
    click.echo(f"cases erased: {len(report.case_ids)}; accounts erased: {len(report.user_ids)}; "
               f"files removed: {len(report.files_to_unlink)}")
