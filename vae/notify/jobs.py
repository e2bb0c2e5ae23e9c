"""Mail sending and the deadline sweep, as jobs (cron or the admin enqueues them; workers run them)."""
from __future__ import annotations

from vae.extensions import db
from vae.jobs.registry import Progress, job
from vae.notify.deadlines import run_deadlines
from vae.notify.dispatch import send_committed_mail
from vae.outbox.sending import send_pending
from vae.storage.store import remove_stale_temp_files


@job("send_mail")
def send_mail(params: dict, progress: Progress) -> str:
    report = send_pending(params.get("limit"))
    progress.set_total(report.sent + report.failed + report.dead)
    progress.advance(report.sent + report.failed + report.dead)
    return report.describe()


@job("deadline_sweep")
def deadline_sweep(params: dict, progress: Progress) -> str:
    """`flask vae tick`'s work: idempotent, so a retried attempt is harmless."""
    report = run_deadlines()
    db.session.commit()
    send_committed_mail()  # the reminders it queued
    removed = remove_stale_temp_files()
    return f"{report.describe()}; stale temporary uploads removed: {removed}"
