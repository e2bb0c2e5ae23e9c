"""The admin's view of the jobs: progress of each, the dead letters, and a retry button."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import case, select

from vae.core.audit import record
from vae.core.permissions import role_required
from vae.extensions import db
from vae.jobs.queue import enqueue, retry, start
from vae.jobs.status import state_label, status_response
from vae.models import JobRun
from vae.models.states import ADMIN

bp = Blueprint("jobs", __name__, url_prefix="/admin/jobs")

bp.add_app_template_global(state_label, "job_state_label")  # also on the pages of other features that show a job

PAGE_SIZE = 100


@bp.get("/")
@role_required(ADMIN)
def job_list():
    dead_first = case((JobRun.state == "dead", 0), else_=1)
    runs = db.session.scalars(select(JobRun).order_by(dead_first, JobRun.id.desc()).limit(PAGE_SIZE)).all()
    return render_template("jobs/list.html", runs=runs, form=FlaskForm())


@bp.get("/<int:run_id>")
@role_required(ADMIN)
def job_page(run_id: int):
    run = db.get_or_404(JobRun, run_id)
    return render_template("jobs/job.html", run=run, form=FlaskForm())


@bp.get("/<int:run_id>/status")
@role_required(ADMIN)
def job_status(run_id: int):
    return status_response(db.get_or_404(JobRun, run_id))


@bp.post("/deadline-sweep")
@role_required(ADMIN)
def run_deadline_sweep():
    """Cron runs the sweep hourly; this runs it now (it is idempotent, so a doubled run is harmless)."""
    if not FlaskForm().validate_on_submit():
        abort(400)
    run = enqueue("deadline_sweep", requested_by=current_user)
    record(current_user, "job_run", run.id, "job_requested", data={"kind": "deadline_sweep"})
    db.session.commit()
    start(run)
    return redirect(url_for(".job_page", run_id=run.id), 303)


@bp.post("/<int:run_id>/retry")
@role_required(ADMIN)
def retry_job(run_id: int):
    if not FlaskForm().validate_on_submit():
        abort(400)
    run = db.get_or_404(JobRun, run_id)
    if run.state != "dead":
        flash(_("Only a job that failed for good can be retried."), "error")
        return redirect(url_for(".job_page", run_id=run.id)), 303
    retry(run)
    record(current_user, "job_run", run.id, "job_retried", from_state="dead", to_state="queued")
    db.session.commit()
    start(run)
    flash(_("The job is queued again."), "success")
    return redirect(url_for(".job_page", run_id=run.id))
