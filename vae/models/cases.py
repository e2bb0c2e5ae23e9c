"""A candidate's application for one title, and the blocks it covers."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vae.core.clock import now
from vae.extensions import db
from vae.models.states import BLOCK_CLOSING_STATES, BLOCK_STATES, CASE_STATES, SELF_ASSESSMENT_LEVELS
from vae.models.titles import Block, Competence, Title
from vae.models.types import UTCDateTime, one_of
from vae.models.users import User


class Case(db.Model):
    """Dossier de candidature: one application of one candidate for one title."""

    __tablename__ = "case"
    __table_args__ = (
        one_of("state", CASE_STATES),
        # The admissibility queue's keyset order (oldest submission, then id): migration 0006_keyset.
        Index("ix_case_state_submitted", "state", "submitted_at", "id"),
        # The mentor's queue: their cases, oldest activity first.
        Index("ix_case_mentor_activity", "mentor_id", "last_activity_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    title_id: Mapped[int] = mapped_column(ForeignKey("title.id"), index=True)
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    # Optimistic lock: every change through the workflow engine bumps it, and an
    # UPDATE from a stale copy matches no row (SQLAlchemy raises StaleDataError).
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    admissibility_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)
    # Last inactivity notice sent (reminder / warning), so the deadline sweep never repeats one.
    inactivity_notice: Mapped[str | None] = mapped_column(String(20))
    # When that notice went out: the abandonment waits a full notice period after the warning,
    # and any activity after it starts the count again.
    inactivity_notice_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the retention sweep erased this case's personal data (GDPR); awards stay.
    personal_data_erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    candidate: Mapped[User] = relationship(foreign_keys=[candidate_id])
    mentor: Mapped[User | None] = relationship(foreign_keys=[mentor_id])
    title: Mapped[Title] = relationship()
    blocks: Mapped[list[CaseBlock]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseBlock.id"
    )
    experiences: Mapped[list[Experience]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Experience.start_date"
    )

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    def touch(self) -> None:
        """Record activity and bump the version (the engine calls this on every change)."""
        self.version = (self.version or 0) + 1
        self.last_activity_at = now()

    @property
    def every_block_closed(self) -> bool:
        return bool(self.blocks) and all(b.state in BLOCK_CLOSING_STATES for b in self.blocks)

    def __repr__(self) -> str:
        return f"<Case {self.id} {self.state}>"


# The admin home queue's order (submitted cases first, oldest submission first) within a
# state, so that a page of it reads a range of this index instead of sorting every case.
Index("ix_case_queue_order", Case.state, Case.submitted_at.is_(None), Case.submitted_at, Case.last_activity_at,
      Case.id)


experience_block = Table(
    "experience_block",
    db.metadata,
    Column("experience_id", ForeignKey("experience.id", ondelete="CASCADE"), primary_key=True),
    Column("case_block_id", ForeignKey("case_block.id", ondelete="CASCADE"), primary_key=True),
)


class CaseBlock(db.Model):
    """One chosen block inside a case; carries the phase state."""

    __tablename__ = "case_block"
    __table_args__ = (UniqueConstraint("case_id", "block_id"), one_of("state", BLOCK_STATES))

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("block.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), default="selected", index=True)
    honour_signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interview.id", ondelete="SET NULL"), index=True
    )

    case: Mapped[Case] = relationship(back_populates="blocks")
    block: Mapped[Block] = relationship()
    interview: Mapped["Interview | None"] = relationship(back_populates="case_blocks")  # noqa: F821
    self_assessments: Mapped[list[SelfAssessment]] = relationship(
        back_populates="case_block", cascade="all, delete-orphan"
    )
    experiences: Mapped[list[Experience]] = relationship(
        secondary=experience_block, back_populates="case_blocks"
    )

    def __repr__(self) -> str:
        return f"<CaseBlock {self.id} {self.state}>"


class Experience(db.Model):
    """A job or activity period the candidate relies on."""

    __tablename__ = "experience"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_ordered"),
        CheckConstraint("hours_per_week > 0 AND hours_per_week <= 80", name="hours_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    employer: Mapped[str] = mapped_column(String(200))
    household_employer: Mapped[bool] = mapped_column(default=False)
    role: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    hours_per_week: Mapped[float]
    activities: Mapped[str] = mapped_column(Text, default="")
    # The description spoken instead of written (the written fields are then optional).
    recording_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))

    case: Mapped[Case] = relationship(back_populates="experiences")
    recording: Mapped["StoredFile | None"] = relationship()  # noqa: F821
    case_blocks: Mapped[list[CaseBlock]] = relationship(
        secondary=experience_block, back_populates="experiences"
    )


class SelfAssessment(db.Model):
    """The candidate's own view of how often they practise a competence."""

    __tablename__ = "self_assessment"
    __table_args__ = (
        UniqueConstraint("case_block_id", "competence_id"),
        one_of("level", SELF_ASSESSMENT_LEVELS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_block_id: Mapped[int] = mapped_column(ForeignKey("case_block.id", ondelete="CASCADE"))
    competence_id: Mapped[int] = mapped_column(ForeignKey("competence.id"))
    level: Mapped[str] = mapped_column(String(20))

    case_block: Mapped[CaseBlock] = relationship(back_populates="self_assessments")
    competence: Mapped[Competence] = relationship()
