"""Putting a job on its way: recorded with the change that asks for it, started after the commit."""
from __future__ import annotations

from flask import current_app

from vae.extensions import db
from vae.jobs.registry import KINDS
from vae.jobs.runner import run_attempt
from vae.models import JobRun, User

QUEUE_NAME = "vae"


def queue_url() -> str | None:
    """The Redis the jobs go through; none configured means in-process."""
    return current_app.config.get("JOB_QUEUE_URL") or current_app.config.get("REDIS_URL") or None


def enqueue(kind: str, params: dict | None = None, requested_by: User | None = None) -> JobRun:
    """Record the job (flush only): the caller commits, then calls `start()`."""
    if kind not in KINDS:
        raise LookupError(f"unknown job kind {kind!r}")
    run = JobRun(kind=kind, params=params or {}, max_attempts=KINDS[kind].max_attempts,
                 requested_by_id=requested_by.id if requested_by is not None else None)
    db.session.add(run)
    db.session.flush()
    return run


def start(run: JobRun) -> None:
    """After the commit: to the workers, or run here until done or dead (no queue configured)."""
    run_id = run.id
    url = queue_url()
    if url:
        from vae.jobs.rq_engine import submit

        submit(url, run_id, run.max_attempts - run.attempts)
        return
    while run_attempt(run_id) == "retrying":
        pass


def retry(run: JobRun) -> None:
    """A dead job gets a fresh set of attempts (the admin's button; flush only, then `start()`)."""
    run.state, run.attempts, run.done, run.finished_at = "queued", 0, 0, None
    db.session.flush()
