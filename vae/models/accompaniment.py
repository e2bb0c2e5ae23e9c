"""Accompaniment: meetings between a mentor and candidates, and evidence the mentor enters for a candidate."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vae.core.clock import now
from vae.extensions import db
from vae.models.cases import Case, CaseBlock
from vae.models.evidence import Evidence, StoredFile
from vae.models.states import MEETING_FORMATS, MEETING_MODES, MEETING_STATES, PROPOSAL_KINDS, PROPOSAL_STATES
from vae.models.titles import Competence
from vae.models.types import UTCDateTime, one_of
from vae.models.users import User


class Meeting(db.Model):
    """An accompaniment meeting: one candidate (individual) or several (group workshop)."""

    __tablename__ = "accompaniment_meeting"
    __table_args__ = (
        one_of("format", MEETING_FORMATS),
        one_of("mode", MEETING_MODES),
        one_of("state", MEETING_STATES),
        CheckConstraint("planned_minutes > 0 AND planned_minutes <= 480", name="planned_minutes_valid"),
        CheckConstraint("held_minutes IS NULL OR (held_minutes > 0 AND held_minutes <= 480)",
                        name="held_minutes_valid"),
        # Hours are counted only for a meeting that took place.
        CheckConstraint("(state = 'held') = (held_minutes IS NOT NULL)", name="held_has_minutes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    format: Mapped[str] = mapped_column(String(20))
    mode: Mapped[str] = mapped_column(String(20))
    topic: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    video_link: Mapped[str] = mapped_column(String(500), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    planned_minutes: Mapped[int]
    state: Mapped[str] = mapped_column(String(20), default="scheduled")
    held_minutes: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    mentor: Mapped[User] = relationship()
    attendees: Mapped[list[MeetingAttendee]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingAttendee.id")


class MeetingAttendee(db.Model):
    """One candidate's case at a meeting, with the mentor's notes for that candidate only."""

    __tablename__ = "accompaniment_attendee"
    __table_args__ = (UniqueConstraint("meeting_id", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("accompaniment_meeting.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    attended: Mapped[bool | None]
    note: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="attendees")
    case: Mapped[Case] = relationship()


class AssistedProposal(db.Model):
    """Evidence the mentor typed or recorded for the candidate; it enters the dossier only once the
    candidate confirms it (then `evidence` is the item it became)."""

    __tablename__ = "assisted_proposal"
    __table_args__ = (
        one_of("kind", PROPOSAL_KINDS),
        one_of("state", PROPOSAL_STATES),
        CheckConstraint("(kind = 'text' AND file_id IS NULL) OR (kind <> 'text' AND file_id IS NOT NULL)",
                        name="content_matches_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_block_id: Mapped[int] = mapped_column(ForeignKey("case_block.id", ondelete="CASCADE"), index=True)
    competence_id: Mapped[int | None] = mapped_column(ForeignKey("competence.id"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("accompaniment_meeting.id", ondelete="SET NULL"))
    typed_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    original_filename: Mapped[str | None] = mapped_column(String(255))
    state: Mapped[str] = mapped_column(String(20), default="proposed")
    refusal_reason: Mapped[str] = mapped_column(Text, default="")
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, onupdate=now)

    case_block: Mapped[CaseBlock] = relationship()
    competence: Mapped[Competence | None] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    typed_by: Mapped[User] = relationship()
    file: Mapped[StoredFile | None] = relationship()
    evidence: Mapped[Evidence | None] = relationship()
