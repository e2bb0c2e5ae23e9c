"""What follows a partial validation: the jury's recommendations for a block, and how a title is funded."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, CheckConstraint, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vae.core.clock import now
from vae.extensions import db
from vae.models.jury import BlockDecision
from vae.models.states import FUNDING_KINDS, MAX_EXPERIENCE_MONTHS, NEXT_STEPS
from vae.models.titles import Block, Competence, Title
from vae.models.types import UTCDateTime, one_of
from vae.models.users import User

# The competences a recommendation says fell short (chosen among the block's competences).
recommendation_shortfall = Table(
    "recommendation_shortfall",
    db.metadata,
    Column("recommendation_id", ForeignKey("block_recommendation.id", ondelete="CASCADE"), primary_key=True),
    Column("competence_id", ForeignKey("competence.id"), primary_key=True),
)


class BlockRecommendation(db.Model):
    """The jury's structured recommendations (préconisations) on a block it did not validate."""

    __tablename__ = "block_recommendation"
    __table_args__ = (
        UniqueConstraint("decision_id"),
        one_of("next_step", NEXT_STEPS),  # NULL passes: "no next step" when competences are named
        CheckConstraint(f"experience_months IS NULL OR experience_months BETWEEN 1 AND {MAX_EXPERIENCE_MONTHS}",
                        name="experience_months_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("block_decision.id"))
    # Copied from the decision so that the candidate's next case finds them without the old case.
    candidate_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("block.id"), index=True)
    next_step: Mapped[str | None] = mapped_column(String(20))
    experience_months: Mapped[int | None]
    training_module: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    written_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    decision: Mapped[BlockDecision] = relationship()
    block: Mapped[Block] = relationship()
    written_by: Mapped[User] = relationship(foreign_keys=[written_by_id])
    shortfalls: Mapped[list[Competence]] = relationship(secondary=recommendation_shortfall,
                                                        order_by="Competence.position")


class TitleFunding(db.Model):
    """One way a title can be funded, as the certifier records it (no outside service is asked)."""

    __tablename__ = "title_funding"
    __table_args__ = (UniqueConstraint("title_id", "kind"), one_of("kind", FUNDING_KINDS))

    id: Mapped[int] = mapped_column(primary_key=True)
    title_id: Mapped[int] = mapped_column(ForeignKey("title.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    available: Mapped[bool] = mapped_column(default=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, onupdate=now)

    title: Mapped[Title] = relationship()
