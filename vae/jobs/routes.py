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
from vae.jobs.queue import retry, start
from vae.models import JobRun
from vae.models.states import ADMIN

bp = Blueprint("jobs", __name__, url_prefix="/admin/jobs")

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
