"""What a learner shares of their own records: public links to some of their credentials."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vae.core.clock import now
from vae.extensions import db
from vae.models.certificates import Certificate
from vae.models.types import UTCDateTime
from vae.models.users import User


class ShareLink(db.Model):
    """A public link to a chosen set of the owner's credentials, until it expires or is revoked."""

    __tablename__ = "share_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # Random and unguessable (secrets.token_urlsafe): the link is the only key to the page.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    owner: Mapped[User] = relationship()
    items: Mapped[list[ShareLinkItem]] = relationship(
        back_populates="link", cascade="all, delete-orphan", order_by="ShareLinkItem.id")

    @property
    def certificates(self) -> list[Certificate]:
        return [item.certificate for item in self.items]

    def is_expired(self, moment: datetime) -> bool:
        return self.expires_at <= moment

    def is_open(self, moment: datetime) -> bool:
        return self.revoked_at is None and not self.is_expired(moment)


class ShareLinkItem(db.Model):
    """One credential shown by a share link."""

    __tablename__ = "share_link_item"
    __table_args__ = (UniqueConstraint("share_link_id", "certificate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    share_link_id: Mapped[int] = mapped_column(ForeignKey("share_link.id", ondelete="CASCADE"), index=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificate.id", ondelete="CASCADE"), index=True)

    link: Mapped[ShareLink] = relationship(back_populates="items")
    certificate: Mapped[Certificate] = relationship()
