"""A block obtained by another road than a VAE jury: a training course's assessment, an
exam, or another certifier's block; declared with its proof, then accepted or refused."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vae.core.clock import now
from vae.extensions import db
from vae.models.evidence import StoredFile
from vae.models.states import CLAIM_SOURCES, CLAIM_STATES
from vae.models.titles import Block
from vae.models.types import UTCDateTime, one_of
from vae.models.users import User


class BlockClaim(db.Model):
    """One declared road to a block; only an accepted claim gives a `BlockAward`."""

    __tablename__ = "block_claim"
    __table_args__ = (one_of("source", CLAIM_SOURCES), one_of("state", CLAIM_STATES))

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("block.id"), index=True)
    source: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default="declared", index=True)
    awarding_body: Mapped[str] = mapped_column(String(200))
    assessed_on: Mapped[date] = mapped_column(Date)
    assessment_reference: Mapped[str] = mapped_column(String(100), default="")
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    original_filename: Mapped[str | None] = mapped_column(String(255))
    credential_json: Mapped[str | None] = mapped_column(Text)  # a verifiable credential, as declared
    verification: Mapped[dict | None] = mapped_column(JSON)  # what checking it found (see vae/sources/verify.py)
    declared_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    refusal_reason: Mapped[str | None] = mapped_column(Text)

    candidate: Mapped[User] = relationship(foreign_keys=[candidate_id])
    block: Mapped[Block] = relationship()
    file: Mapped[StoredFile | None] = relationship()
    declared_by: Mapped[User | None] = relationship(foreign_keys=[declared_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
