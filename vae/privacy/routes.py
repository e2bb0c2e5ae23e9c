"""A person downloads everything held about them: the archive is built by a job, then offered to them alone."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, send_file, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select

from vae.core.clock import now
from vae.extensions import db
from vae.jobs.queue import enqueue, start
from vae.jobs.status import status_response
from vae.models import JobRun
from vae.privacy.forms import ExportForm
from vae.privacy.jobs import archive_path

bp = Blueprint("privacy", __name__, url_prefix="/privacy")


@bp.get("/my-data")
@login_required
def export_page():
    return render_template("privacy/export.html", form=ExportForm(), runs=_my_exports(limit=5))


@bp.post("/my-data")
@login_required
def export():
    """Queue the archive; ready at once without a queue (then straight to the download), else its page."""
    if not ExportForm().validate_on_submit():
        abort(400)
    run = enqueue("gdpr_export", {"user_id": current_user.id}, requested_by=current_user)
    db.session.commit()
    start(run)
    db.session.refresh(run)
    if run.state == "done":
        return redirect(url_for(".export_archive", export_id=run.id), 303)
    return redirect(url_for(".export_status", export_id=run.id), 303)


@bp.get("/my-data/<int:export_id>")
@login_required
def export_status(export_id: int):
    run = _my_export(export_id)
    return render_template("privacy/export_status.html", run=run, form=FlaskForm())


@bp.get("/my-data/<int:export_id>/status")
@login_required
def export_progress(export_id: int):
    return status_response(_my_export(export_id))


@bp.get("/my-data/<int:export_id>/archive")
@login_required
def export_archive(export_id: int):
    run = _my_export(export_id)
    path = archive_path(run)
    if run.state != "done" or not path.is_file():
        abort(404)
    response = send_file(path, mimetype="application/zip", as_attachment=True,
                         download_name=f"my-data-{(run.finished_at or now()):%Y%m%d}.zip", max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _my_export(run_id: int) -> JobRun:
    """An export of the signed-in person's own data, or 404 (another person's does not exist for them)."""
    run = db.session.get(JobRun, run_id)
    if run is None or run.kind != "gdpr_export" or (run.params or {}).get("user_id") != current_user.id \
            or run.requested_by_id != current_user.id:
        abort(404)
    return run


def _my_exports(limit: int) -> list[JobRun]:
    """The person's latest requests (most recent first): requested_by is indexed, the kind narrows it."""
    return list(db.session.scalars(select(JobRun).where(JobRun.requested_by_id == current_user.id,
                                                        JobRun.kind == "gdpr_export")
                                   .order_by(JobRun.id.desc()).limit(limit)))
