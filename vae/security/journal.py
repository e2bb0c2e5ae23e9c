"""Reading the audit journal: filters for the admin page."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import Select, func, select

from vae.core.keyset import Key
from vae.models import AuditEvent, User

# Newest first; the id breaks ties between events of the same instant (index ix_audit_event_at_id).
JOURNAL_ORDER = (Key(AuditEvent.occurred_at, lambda e: e.occurred_at, datetime, descending=True),
                 Key(AuditEvent.id, lambda e: e.id, int, descending=True))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def journal_query(*, event: str | None = None, subject_type: str | None = None, case_id: int | None = None,
                  actor_email: str | None = None, since: date | None = None,
                  until: date | None = None) -> Select:
    """Newest first; every filter optional."""
    query = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    if event:
        query = query.where(AuditEvent.event == event.strip())
    if subject_type:
        query = query.where(AuditEvent.subject_type == subject_type.strip())
    if case_id:
        query = query.where(AuditEvent.case_id == case_id)
    if actor_email:
        like = f"%{actor_email.strip().lower()}%"
        query = query.where(AuditEvent.actor_id.in_(select(User.id).where(func.lower(User.email).like(like))))
    if since:
        query = query.where(AuditEvent.occurred_at >= _start_of(since))
    if until:
        query = query.where(AuditEvent.occurred_at < _start_of(until + timedelta(days=1)))
    return query
