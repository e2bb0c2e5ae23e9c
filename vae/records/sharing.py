"""Share links: the learner shows some of their credentials to anyone holding the link.

The link is a random token (`secrets.token_urlsafe`, 256 bits): unguessable, it is the
only key. It works until its expiry (chosen from a short list) or until the learner
revokes it; after that the page answers 410 Gone. Creating and revoking are audited,
and so is each view: the count of views is the count of those journal entries (an
append-only insert per view, so two visitors at once both count and no row is updated).
"""
from __future__ import annotations

import secrets
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from vae.core.audit import record
from vae.core.clock import now
from vae.core.refusal import Refused
from vae.extensions import db
from vae.models import AuditEvent, Certificate, ShareLink, ShareLinkItem, User
from vae.records.summary import valid_certificates

EXPIRY_DAYS = (7, 30, 90, 365)
MAX_CREDENTIALS = 20  # each view verifies every credential shown


def shareable_certificates(owner: User) -> list[Certificate]:
    return valid_certificates(owner)


def create_link(owner: User, public_ids: list[str], days: int, label: str = "") -> ShareLink:
    if days not in EXPIRY_DAYS:
        raise Refused([_("Choose how long the link works from the list.")])
    wanted = list(dict.fromkeys(public_ids))
    if not wanted:
        raise Refused([_("Choose at least one credential to share.")])
    if len(wanted) > MAX_CREDENTIALS:
        raise Refused([_("A link shows at most %(count)d credentials.", count=MAX_CREDENTIALS)])
    own = {c.public_id: c for c in shareable_certificates(owner)}
    if any(public_id not in own for public_id in wanted):  # someone else's, revoked, or a transcript
        raise Refused([_("Only your own valid credentials can be shared.")])
    moment = now()
    link = ShareLink(owner_id=owner.id, token=secrets.token_urlsafe(32), label=label.strip(),
                     created_at=moment, expires_at=moment + timedelta(days=days),
                     items=[ShareLinkItem(certificate_id=own[p].id) for p in wanted])
    db.session.add(link)
    db.session.flush()
    record(owner, "share_link", link.id, "create",
           data={"certificates": wanted, "expires_at": link.expires_at.isoformat()})
    return link


def links_of(owner: User) -> list[ShareLink]:
    return list(db.session.scalars(select(ShareLink).where(ShareLink.owner_id == owner.id)
                                   .order_by(ShareLink.created_at.desc(), ShareLink.id.desc())))


def owned_link(owner: User, link_id: int) -> ShareLink | None:
    """The owner's link, or None: another learner's link does not exist for them."""
    return db.session.scalar(select(ShareLink).where(ShareLink.id == link_id, ShareLink.owner_id == owner.id))


def revoke_link(link: ShareLink, owner: User) -> bool:
    """False when it was revoked already (nothing written twice)."""
    if link.revoked_at is not None:
        return False
    link.revoked_at = now()
    db.session.flush()
    record(owner, "share_link", link.id, "revoke")
    return True


def link_by_token(token: str) -> ShareLink | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(ShareLink).where(ShareLink.token == token))


def count_view(link: ShareLink) -> None:
    """One more view: a journal entry (no visitor's address or identity is kept)."""
    record(None, "share_link", link.id, "view")


def view_counts(links: list[ShareLink]) -> dict[int, int]:
    ids = [link.id for link in links]
    if not ids:
        return {}
    rows = db.session.execute(select(AuditEvent.subject_id, func.count()).where(
        AuditEvent.subject_type == "share_link", AuditEvent.event == "view", AuditEvent.subject_id.in_(ids))
        .group_by(AuditEvent.subject_id))
    return {subject_id: count for subject_id, count in rows}
