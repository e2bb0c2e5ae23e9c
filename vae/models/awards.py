"""What a candidate holds for good: blocks, and full titles."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vae.core.clock import now
from vae.extensions import db
from vae.models.cases import CaseBlock
from vae.models.claims import BlockClaim
from vae.models.jury import BlockDecision
from vae.models.states import AWARD_SOURCES
from vae.models.titles import Block, Title
from vae.models.types import UTCDateTime, one_of
from vae.models.users import User


class BlockAward(db.Model):
    """A block held by a candidate, whichever case earned it."""

    __tablename__ = "block_award"
    __table_args__ = (UniqueConstraint("candidate_id", "block_id"), one_of("source", AWARD_SOURCES))

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("block.id"), index=True)
    case_block_id: Mapped[int | None] = mapped_column(ForeignKey("case_block.id"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("block_decision.id"))
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("block_claim.id"))  # training, exam, outside
    source: Mapped[str] = mapped_column(String(20), default="jury")
    awarded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    candidate: Mapped[User] = relationship()
    block: Mapped[Block] = relationship()
    case_block: Mapped[CaseBlock | None] = relationship()
    decision: Mapped[BlockDecision | None] = relationship()
    claim: Mapped[BlockClaim | None] = relationship()


class TitleAward(db.Model):
    """The full title, awarded once the candidate holds every required block."""

    __tablename__ = "title_award"
    __table_args__ = (UniqueConstraint("candidate_id", "title_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    title_id: Mapped[int] = mapped_column(ForeignKey("title.id"), index=True)
    awarded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    candidate: Mapped[User] = relationship()
    title: Mapped[Title] = relationship()
