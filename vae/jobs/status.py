"""A job's state as the pages' poll reads it (vae/static/js/job_progress.js): the same for every page that shows a job."""
from __future__ import annotations

from flask import jsonify
from flask_babel import gettext as _

from vae.models import JobRun


def state_label(state: str) -> str:
    return {"queued": _("Queued"), "running": _("Running"), "retrying": _("Failed, will retry"),
            "done": _("Done"), "dead": _("Failed for good")}[state]


def status_response(run: JobRun):
    """JSON, never cached: the poll asks again every few seconds."""
    answer = jsonify(state=run.state, label=state_label(run.state), done=run.done, total=run.total,
                     finished=run.finished)
    answer.headers["Cache-Control"] = "no-store"
    return answer
