"""A person's data archive built as a job (large dossiers hold hundreds of MB of evidence)."""
from __future__ import annotations

import os
from pathlib import Path

from flask import current_app

from vae.core.audit import record
from vae.extensions import db
from vae.jobs.registry import Progress, job
from vae.models import JobRun, User
from vae.notify.dispatch import send_committed_mail
from vae.notify.links import public_url
from vae.outbox.queue import queue_mail
from vae.privacy.export import personal_data_archive


def export_dir() -> Path:
    return Path(current_app.config.get("EXPORT_DIR") or Path(current_app.instance_path) / "exports")


def archive_path(run: JobRun) -> Path:
    """Where the archive of this job is written (mode 0600, never served statically)."""
    return export_dir() / f"user-{run.params['user_id']}-job-{run.id}.zip"


@job("gdpr_export")
def gdpr_export(params: dict, progress: Progress) -> str:
    """The archive, for its owner to download (privacy.export_archive) or the DPO to hand over.

    When the person asked for it themselves, a mail tells them it is ready."""
    user = db.session.get(User, params["user_id"])
    if user is None:
        raise LookupError("no such user")
    run = progress.run
    progress.set_total(1)
    archive = personal_data_archive(user)
    target = archive_path(run)
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(archive)
    asked_by_owner = run.requested_by_id == user.id
    record(user if asked_by_owner else None, "user", user.id, "personal_data_exported", data={"job": run.id})
    if asked_by_owner:
        queue_mail(user, "export_ready", dedupe_key=f"export-ready-{run.id}",
                   link=public_url("privacy.export_status", export_id=run.id))
    run.report = {"bytes": len(archive)}
    progress.advance(1)  # commits the archive's journal entry and the mail together
    send_committed_mail()
    return f"{target.name}: {len(archive)} bytes"
