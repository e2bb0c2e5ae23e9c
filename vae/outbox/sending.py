"""One sending pass over the outbox: claim due messages, send them, record the result.

A message is claimed by a conditional UPDATE (only the sender whose UPDATE matched
the row as it read it owns it), committed before the SMTP dialogue, so two senders
running at once never send the same message. The claim pushes `next_attempt_at`
forward by a lease: if a sender dies mid-send, the message becomes due again later.
"""
from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from vae.core.clock import now
from vae.extensions import db
from vae.models import OutboxMessage
from vae.outbox.mailer import SmtpConnection, build_message

RETRYABLE_STATES = ("pending", "failed")
CLAIM_LEASE = timedelta(minutes=15)


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    dead: int = 0

    def describe(self) -> str:
        return f"sent: {self.sent}  failed (will retry): {self.failed}  dead: {self.dead}"


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after the n-th failed attempt."""
    config = current_app.config
    seconds = config["MAIL_RETRY_BASE_SECONDS"] * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, config["MAIL_RETRY_MAX_SECONDS"]))


def due_message_ids(limit: int) -> list[int]:
    return list(db.session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.state.in_(RETRYABLE_STATES), OutboxMessage.next_attempt_at <= now())
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)))


def claim(message_id: int) -> OutboxMessage | None:
    """Take one due message for this sender, or None if another sender took it first."""
    current = db.session.execute(
        select(OutboxMessage.attempts, OutboxMessage.state).where(OutboxMessage.id == message_id)).one_or_none()
    if current is None or current.state not in RETRYABLE_STATES:
        return None
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.attempts == current.attempts,
               OutboxMessage.state.in_(RETRYABLE_STATES), OutboxMessage.next_attempt_at <= now())
        .values(attempts=current.attempts + 1, next_attempt_at=now() + CLAIM_LEASE)
        .execution_options(synchronize_session=False))
    db.session.commit()  # the claim must be visible to other senders before we talk SMTP
    if claimed.rowcount != 1:
        return None
    return db.session.get(OutboxMessage, message_id, populate_existing=True)


def record_success(message: OutboxMessage) -> None:
    message.state = "sent"
    message.sent_at = now()
    message.last_error = None


def record_failure(message: OutboxMessage, error: Exception) -> str:
    """failed (retried later, with backoff) or dead after MAIL_MAX_ATTEMPTS attempts."""
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    if message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        message.state = "dead"
    else:
        message.state = "failed"
        message.next_attempt_at = now() + retry_delay(message.attempts)
    return message.state


def record_undeliverable(message: OutboxMessage, error: Exception) -> None:
    """Dead at once (e.g. a line break in a header): it must not hold the queue behind it."""
    current_app.logger.error("outbox message %s cannot be built: %s", message.id, error)
    message.last_error = f"cannot build the message: {type(error).__name__}: {error}"[:2000]
    message.state = "dead"


def send_pending(limit: int | None = None) -> SendReport:
    """Send every message that is due now (one pass); commits after each message."""
    report = SendReport()
    sender = current_app.config["MAIL_SENDER"]
    ids = due_message_ids(limit or current_app.config["MAIL_BATCH_SIZE"])
    with SmtpConnection() as smtp:
        for message_id in ids:
            message = claim(message_id)
            if message is None:
                continue
            try:
                email = build_message(message, sender)
            except Exception as error:  # noqa: BLE001 - a row that can never be sent: retrying cannot help
                record_undeliverable(message, error)
                report.dead += 1
                db.session.commit()
                continue
            try:
                smtp.send(email)
            except (smtplib.SMTPException, OSError) as error:
                outcome = record_failure(message, error)
                setattr(report, outcome, getattr(report, outcome) + 1)
            else:
                record_success(message)
                report.sent += 1
            db.session.commit()
    return report
