"""Writing to the journal (outside the workflows: accounts, reads of sensitive data)."""
from __future__ import annotations

from typing import Any

from vae.extensions import db
from vae.models import AuditEvent, User


def record(actor: User | None, subject_type: str, subject_id: int, event: str, *,
           case_id: int | None = None, reason: str | None = None,
           from_state: str | None = None, to_state: str | None = None,
           data: dict[str, Any] | None = None) -> AuditEvent:
    entry = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        subject_type=subject_type,
        subject_id=subject_id,
        case_id=case_id,
        event=event,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data or {},
    )
    db.session.add(entry)
    return entry
