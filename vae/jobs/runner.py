"""Running one attempt of a job, the same way on an RQ worker and in-process.

An attempt that raises is recorded (`last_error`); it is `retrying` while attempts remain and
`dead` after the last one (the dead-letter list of the admin's jobs page, with a retry button).
"""
from __future__ import annotations

import traceback

from flask import current_app

from vae.core.clock import now
from vae.extensions import db
from vae.jobs.registry import KINDS, Progress
from vae.models import JobRun


class AttemptFailed(RuntimeError):
    """Raised to the queue engine so that it schedules the next attempt (or files it as failed)."""


def run_attempt(run_id: int) -> str:
    """One attempt; returns the state it left the job in ("done", "retrying" or "dead")."""
    run = db.session.get(JobRun, run_id)
    if run is None or run.state == "done":
        return "done"
    kind = KINDS.get(run.kind)
    run.state, run.attempts, run.started_at = "running", run.attempts + 1, now()
    db.session.commit()
    try:
        if kind is None:
            raise LookupError(f"no handler for job kind {run.kind!r}")
        summary = kind.handler(dict(run.params or {}), Progress(run))
    except Exception as error:  # any failure of the work is recorded, then retried or dead-lettered
        db.session.rollback()
        current_app.logger.exception("job %s (%s) attempt %s failed", run_id, run.kind, run.attempts)
        run = db.session.get(JobRun, run_id)
        run.last_error = "".join(traceback.format_exception_only(error)).strip()[:4000]
        run.state = "dead" if run.attempts >= run.max_attempts else "retrying"
        if run.state == "dead":
            run.finished_at = now()
        db.session.commit()
        return run.state
    run = db.session.get(JobRun, run_id)  # a handler may have emptied the session (an import does, per batch)
    run.state, run.finished_at = "done", now()
    run.summary = (summary or "")[:500] or None
    run.done = max(run.done, run.total)
    db.session.commit()
    return "done"
