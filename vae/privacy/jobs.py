"""A person's data archive built as a job (large dossiers hold hundreds of MB of evidence)."""
from __future__ import annotations

import os
from pathlib import Path

from flask import current_app

from vae.core.audit import record
from vae.extensions import db
from vae.jobs.registry import Progress, job
from vae.models import User
from vae.privacy.export import personal_data_archive


def export_dir() -> Path:
    return Path(current_app.config.get("EXPORT_DIR") or Path(current_app.instance_path) / "exports")


@job("gdpr_export")
def gdpr_export(params: dict, progress: Progress) -> str:
    """Written to EXPORT_DIR (mode 0600, never served statically), for the DPO to hand over."""
    user = db.session.get(User, params["user_id"])
    if user is None:
        raise LookupError("no such user")
    progress.set_total(1)
    archive = personal_data_archive(user)
    target = export_dir() / f"user-{user.id}-job-{progress.run.id}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(archive)
    record(None, "user", user.id, "personal_data_exported", data={"job": progress.run.id})
    progress.advance(1)
    return f"{target.name}: {len(archive)} bytes"
