"""Facts read back from the audit journal for the people the case concerns."""
from __future__ import annotations

from sqlalchemy import select

from vae.extensions import db


def last_return(case_block):
    """The mentor's (or certifier's) latest return of this block, with its reason; None if never returned.

    The caller has already read the block through the access rules: this adds nothing they may not see.
    """
    from vae.models import AuditEvent

    return db.session.scalar(
        select(AuditEvent).where(AuditEvent.subject_type == "case_block", AuditEvent.subject_id == case_block.id,
                                 AuditEvent.event == "return").order_by(AuditEvent.id.desc()).limit(1))
