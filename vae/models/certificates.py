"""Issued artefacts: PDF and signed Open Badges 3.0 credential, revocable."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vae.core.clock import now
from vae.extensions import db
from vae.models.awards import BlockAward, TitleAward
from vae.models.states import CERTIFICATE_KINDS, PUBLIC_NAME_DISPLAYS, STATUS_PURPOSES
from vae.models.types import UTCDateTime, one_of
from vae.models.users import User


class StatusList(db.Model):
    """A Bitstring Status List: each certificate owns one bit of one list."""

    __tablename__ = "status_list"
    __table_args__ = (one_of("purpose", STATUS_PURPOSES), CheckConstraint("size_bits >= 131072", name="size_min"))

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    purpose: Mapped[str] = mapped_column(String(20), default="revocation")
    size_bits: Mapped[int] = mapped_column(default=131072)
    next_index: Mapped[int] = mapped_column(default=0)


class Certificate(db.Model):
    __tablename__ = "certificate"
    __table_args__ = (
        one_of("kind", CERTIFICATE_KINDS),
        CheckConstraint(
            "(kind = 'block' AND block_award_id IS NOT NULL AND title_award_id IS NULL) OR "
            "(kind = 'title' AND title_award_id IS NOT NULL AND block_award_id IS NULL) OR "
            "(kind = 'transcript' AND block_award_id IS NULL AND title_award_id IS NULL)",
            name="award_matches_kind",
        ),
        UniqueConstraint("status_list_id", "status_index"),
        one_of("public_name", PUBLIC_NAME_DISPLAYS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    # The name as certified, frozen at issue: renaming one's profile changes no certificate.
    holder_name: Mapped[str] = mapped_column(String(200), default="")
    block_award_id: Mapped[int | None] = mapped_column(ForeignKey("block_award.id"), unique=True)
    title_award_id: Mapped[int | None] = mapped_column(ForeignKey("title_award.id"), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    credential_json: Mapped[str | None] = mapped_column(Text)
    signing_key_id: Mapped[str | None] = mapped_column(String(200))
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    status_list_id: Mapped[int | None] = mapped_column(ForeignKey("status_list.id"))
    status_index: Mapped[int | None]
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    # The learner's choice for the public page only; the signed credential keeps the name.
    public_name: Mapped[str] = mapped_column(String(10), default="full", server_default="full")

    candidate: Mapped[User] = relationship(foreign_keys=[candidate_id])
    block_award: Mapped[BlockAward | None] = relationship()
    title_award: Mapped[TitleAward | None] = relationship()
    status_list: Mapped[StatusList | None] = relationship()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
