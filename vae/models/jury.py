"""Assessment: jury sessions, their members, interviews, scores and decisions."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vae.core.clock import now
from vae.extensions import db
from vae.models.cases import Case, CaseBlock
from vae.models.states import (
    DECISIONS,
    GENDERS,
    INTERVIEW_MODES,
    IDENTITY_DOCUMENTS,
    INTERVIEW_OUTCOMES,
    INTERVIEW_STATES,
    JURY_LINKS,
    JURY_QUALIFICATIONS,
    JURY_SESSION_STATES,
    SCORE_LEVELS,
)
from vae.models.titles import Competence, Title
from vae.models.types import UTCDateTime, one_of
from vae.models.users import User


class JurySession(db.Model):
    """A dated sitting of a jury for one title."""

    __tablename__ = "jury_session"
    __table_args__ = (
        one_of("state", JURY_SESSION_STATES),
        CheckConstraint("capacity > 0", name="capacity_positive"),
        Index("ix_jury_session_title_starts", "title_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title_id: Mapped[int] = mapped_column(ForeignKey("title.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    location: Mapped[str] = mapped_column(String(300), default="")
    video_link: Mapped[str] = mapped_column(String(500), default="")
    capacity: Mapped[int] = mapped_column(default=8)
    state: Mapped[str] = mapped_column(String(20), default="planned", index=True)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    title: Mapped[Title] = relationship()
    members: Mapped[list[JuryMember]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="JuryMember.id"
    )
    interviews: Mapped[list[Interview]] = relationship(
        back_populates="session", order_by="Interview.starts_at"
    )

    @property
    def president(self) -> JuryMember | None:
        return next((m for m in self.members if m.is_president), None)


class JuryMember(db.Model):
    __tablename__ = "jury_member"
    __table_args__ = (
        UniqueConstraint("session_id", "user_id"),
        one_of("qualification", JURY_QUALIFICATIONS),
        CheckConstraint(
            "gender IS NULL OR gender IN (" + ", ".join(f"'{g}'" for g in GENDERS) + ")",
            name="gender_valid",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("jury_session.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    qualification: Mapped[str] = mapped_column(String(30))
    gender: Mapped[str | None] = mapped_column(String(10))
    is_president: Mapped[bool] = mapped_column(default=False)
    # Where the member works: a candidate who worked there is linked to them (conflict of interest).
    organisation: Mapped[str] = mapped_column(String(200), default="", server_default="")

    session: Mapped[JurySession] = relationship(back_populates="members")
    user: Mapped[User] = relationship()
    declarations: Mapped[list[JuryDeclaration]] = relationship(
        back_populates="member", cascade="all, delete-orphan", order_by="JuryDeclaration.id"
    )


class Interview(db.Model):
    """One candidate's slot in a session, covering one or more of their blocks."""

    __tablename__ = "interview"
    __table_args__ = (
        one_of("state", INTERVIEW_STATES),
        one_of("outcome", INTERVIEW_OUTCOMES),
        one_of("mode", INTERVIEW_MODES),
        CheckConstraint("duration_minutes > 0", name="duration_positive"),
        CheckConstraint(
            "identity_document IS NULL OR identity_document IN ("
            + ", ".join(f"'{d}'" for d in IDENTITY_DOCUMENTS) + ")",
            name="identity_document_valid",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("jury_session.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int]
    state: Mapped[str] = mapped_column(String(20), default="scheduled")
    outcome: Mapped[str] = mapped_column(String(20), default="pending")
    mode: Mapped[str] = mapped_column(String(10), default="onsite", server_default="onsite")
    outcome_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    result_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The kind of document the president saw; the number is deliberately not kept.
    identity_document: Mapped[str | None] = mapped_column(String(30))
    identity_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    session: Mapped[JurySession] = relationship(back_populates="interviews")
    case: Mapped[Case] = relationship()
    case_blocks: Mapped[list[CaseBlock]] = relationship(back_populates="interview")


class Score(db.Model):
    """One jury member's level for one competence in one interview."""

    __tablename__ = "score"
    __table_args__ = (
        UniqueConstraint("interview_id", "member_id", "competence_id"),
        one_of("level", SCORE_LEVELS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interview.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("jury_member.id", ondelete="CASCADE"), index=True)
    competence_id: Mapped[int] = mapped_column(ForeignKey("competence.id"))
    level: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    # Scores stay private to their author until submitted.
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    interview: Mapped[Interview] = relationship()
    member: Mapped[JuryMember] = relationship()
    competence: Mapped[Competence] = relationship()


class BlockDecision(db.Model):
    """The jury's ruling on one case block."""

    __tablename__ = "block_decision"
    __table_args__ = (
        one_of("decision", DECISIONS),
        CheckConstraint(
            "decision = 'validated' OR length(rationale) > 0", name="rationale_when_not_validated"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_block_id: Mapped[int] = mapped_column(ForeignKey("case_block.id"), index=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interview.id"), index=True)
    decision: Mapped[str] = mapped_column(String(20))
    rationale: Mapped[str] = mapped_column(Text, default="")
    recommendations: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    revoke_reason: Mapped[str | None] = mapped_column(Text)

    case_block: Mapped[CaseBlock] = relationship()
    interview: Mapped[Interview] = relationship()
    decided_by: Mapped[User] = relationship(foreign_keys=[decided_by_id])


class JuryDeclaration(db.Model):
    """What one jury member declared about their link with one candidate of their session."""

    __tablename__ = "jury_declaration"
    __table_args__ = (
        UniqueConstraint("member_id", "case_id"),
        one_of("link", JURY_LINKS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("jury_member.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    link: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    member: Mapped[JuryMember] = relationship(back_populates="declarations")
    case: Mapped[Case] = relationship()
