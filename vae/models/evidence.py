"""The dossier: evidence items, stored files and the mentor's annotations."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vae.core.clock import now
from vae.extensions import db
from vae.models.cases import CaseBlock
from vae.models.states import ANNOTATION_KINDS, EVIDENCE_KINDS
from vae.models.titles import Competence
from vae.models.types import UTCDateTime, one_of
from vae.models.users import User


class StoredFile(db.Model):
    """An uploaded file's content, stored once under its SHA-256 outside the web root."""

    __tablename__ = "stored_file"
    __table_args__ = (CheckConstraint("size_bytes > 0", name="not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    mime_type: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


class Evidence(db.Model):
    """A piece of evidence attached to a case block (and optionally one competence)."""

    __tablename__ = "evidence"
    __table_args__ = (
        one_of("kind", EVIDENCE_KINDS),
        # A written account or an interview note carries text; every other kind carries a file.
        CheckConstraint(
            "(kind IN ('text', 'at_interview') AND file_id IS NULL) "
            "OR (kind NOT IN ('text', 'at_interview') AND file_id IS NOT NULL)",
            name="content_matches_kind",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_block_id: Mapped[int] = mapped_column(ForeignKey("case_block.id", ondelete="CASCADE"), index=True)
    competence_id: Mapped[int | None] = mapped_column(ForeignKey("competence.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    original_filename: Mapped[str | None] = mapped_column(String(255))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    # Set when the mentor typed or recorded it and the candidate (created_by) confirmed it as their word.
    typed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, onupdate=now)

    case_block: Mapped[CaseBlock] = relationship()
    competence: Mapped[Competence | None] = relationship()
    file: Mapped[StoredFile | None] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    typed_by: Mapped[User | None] = relationship(foreign_keys=[typed_by_id])


class Annotation(db.Model):
    """A mentor's comment, question or change request, and the replies to it."""

    __tablename__ = "annotation"
    __table_args__ = (one_of("kind", ANNOTATION_KINDS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_block_id: Mapped[int] = mapped_column(ForeignKey("case_block.id", ondelete="CASCADE"), index=True)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("annotation.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    kind: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    # A reply spoken instead of written (the body may then be empty).
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    case_block: Mapped[CaseBlock] = relationship()
    evidence: Mapped[Evidence | None] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    file: Mapped[StoredFile | None] = relationship()
    replies: Mapped[list[Annotation]] = relationship(order_by="Annotation.created_at")

    @property
    def is_open(self) -> bool:
        return self.parent_id is None and self.resolved_at is None
