"""Mail leaves after the commit that queued it: a `send_mail` job, not the request, talks to SMTP.

A flush that adds an outbox message marks the session; when that transaction commits, the
mark becomes "mail to send" (a rollback drops it: mail about a change that did not happen is
never sent). At the end of the request (or of a job that queued mail) `send_committed_mail()`
enqueues one `send_mail` job: on a worker when a queue is configured, in-process otherwise.
`MAIL_SEND_AFTER_COMMIT = False` leaves the outbox to `flask vae send-mail` from cron alone.
"""
from __future__ import annotations

from flask import current_app
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from vae.extensions import db
from vae.jobs.queue import enqueue, start
from vae.models import JobRun, OutboxMessage

QUEUED, COMMITTED = "vae_mail_queued", "vae_mail_committed"


@event.listens_for(Session, "after_flush")
def _note_queued_mail(session, flush_context) -> None:
    if any(isinstance(item, OutboxMessage) for item in session.new):
        session.info[QUEUED] = True


@event.listens_for(Session, "after_commit")
def _note_committed_mail(session) -> None:
    if session.info.pop(QUEUED, False):
        session.info[COMMITTED] = True


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back_mail(session) -> None:
    session.info.pop(QUEUED, None)


def send_committed_mail() -> JobRun | None:
    """If a commit of this session queued mail, start a sending pass (one `send_mail` job)."""
    if not db.session.registry.has():  # the request used no session: nothing committed, none to build
        return None
    if not db.session.info.pop(COMMITTED, False) or not current_app.config.get("MAIL_SEND_AFTER_COMMIT", True):
        return None
    waiting = db.session.scalar(select(JobRun).where(JobRun.kind == "send_mail", JobRun.state == "queued")
                                .order_by(JobRun.id).limit(1))
    if waiting is not None:  # not started yet: it will read the outbox after this commit, so it sends this mail too
        return waiting
    run = enqueue("send_mail")
    db.session.commit()
    start(run)
    return run


def send_after_request(response):
    """Flask after-request hook (installed by the notify blueprint): the page is answered even if this fails."""
    try:
        send_committed_mail()
    except Exception:  # the mail stays in the outbox; `flask vae send-mail` from cron sends it
        current_app.logger.exception("could not start sending the committed mail")
        db.session.rollback()
    return response
