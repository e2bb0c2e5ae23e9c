"""What admins do with the outbox."""
from __future__ import annotations

from sqlalchemy import Select, func, select

from vae.core.audit import record
from vae.core.clock import now
from vae.extensions import db
from vae.models import OutboxMessage, User

UNDELIVERED_STATES = ("failed", "dead")


def undelivered_messages(state: str | None = None) -> Select:
    """Messages an admin should look at: failing (still retried) or given up, given up first."""
    states = (state,) if state in UNDELIVERED_STATES else UNDELIVERED_STATES
    return (select(OutboxMessage).where(OutboxMessage.state.in_(states))
            .order_by(OutboxMessage.state.desc(), OutboxMessage.created_at, OutboxMessage.id))


def undelivered_counts() -> dict[str, int]:
    rows = db.session.execute(
        select(OutboxMessage.state, func.count(OutboxMessage.id))
        .where(OutboxMessage.state.in_(UNDELIVERED_STATES)).group_by(OutboxMessage.state))
    return {state: 0 for state in UNDELIVERED_STATES} | dict(rows.all())


def retry_message(message: OutboxMessage, actor: User) -> bool:
    """Send a failed or dead message again at the next pass, with a fresh count of attempts."""
    if message.state not in UNDELIVERED_STATES:
        return False
    record(actor, "outbox_message", message.id, "retry_mail", from_state=message.state, to_state="pending",
           data={"attempts": message.attempts, "last_error": message.last_error})
    message.state = "pending"
    message.attempts = 0
    message.next_attempt_at = now()
    db.session.flush()
    return True
