"""The register: titles, their blocks of competences, and the competences."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vae.core.clock import now
from vae.extensions import db
from vae.models.states import EQUIVALENCE_ORIGINS
from vae.models.types import UTCDateTime, one_of


class Title(db.Model):
    """A professional title registered in the RNCP."""

    __tablename__ = "title"
    __table_args__ = (
        CheckConstraint("eqf_level BETWEEN 1 AND 8", name="eqf_level_valid"),
        CheckConstraint("interview_base_minutes > 0", name="interview_base_positive"),
        CheckConstraint("interview_per_block_minutes >= 0", name="interview_per_block_valid"),
        CheckConstraint("interview_max_minutes >= interview_base_minutes", name="interview_cap_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rncp_code: Mapped[str] = mapped_column(String(20), unique=True)
    label: Mapped[str] = mapped_column(String(500))
    # None for the Répertoire spécifique: its certifications are not on the EQF scale.
    eqf_level: Mapped[int | None]
    # "rncp" (Répertoire national) or "rs" (Répertoire spécifique: one unit, no blocks in the register).
    register: Mapped[str] = mapped_column(String(4), default="rncp")
    certifier_name: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True, index=True)
    # SI_JURY_VAE/ACTIF: the certifier accepts candidates through VAE; COMPOSITION: its jury rule.
    vae_open: Mapped[bool] = mapped_column(default=True)
    vae_jury_composition: Mapped[str | None] = mapped_column(Text)
    end_date: Mapped[date | None] = mapped_column(Date)
    assessment_modalities: Mapped[str | None] = mapped_column(Text)
    # Interview length policy: base + per block, capped (DESIGN §2).
    interview_base_minutes: Mapped[int] = mapped_column(default=30)
    interview_per_block_minutes: Mapped[int] = mapped_column(default=15)
    interview_max_minutes: Mapped[int] = mapped_column(default=90)
    # Years a block award stays valid; None means for life (the default).
    award_validity_years: Mapped[int | None]
    # EU notional workload of the whole title (hours, and ECTS credits when the register gives them).
    notional_workload_hours: Mapped[int | None]
    ects_credits: Mapped[float | None]
    source: Mapped[str] = mapped_column(String(20), default="manual")
    # Fingerprint of the imported register entry: a re-import of the same data is a no-op.
    source_digest: Mapped[str | None] = mapped_column(String(64))
    # Title versions named by the register (RNCP codes): the fiches this one replaces, and its successors.
    older_codes: Mapped[list] = mapped_column(JSON, default=list)
    newer_codes: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, onupdate=now)

    blocks: Mapped[list[Block]] = relationship(
        back_populates="title", order_by="Block.position", cascade="all, delete-orphan"
    )

    def interview_minutes(self, block_count: int) -> int:
        minutes = self.interview_base_minutes + self.interview_per_block_minutes * block_count
        return min(minutes, self.interview_max_minutes)

    def open_to_candidates(self, today: date) -> bool:
        return self.closed_reason(today) is None

    def closed_reason(self, today: date) -> str | None:
        """Why a new application is refused: "inactive", "no_vae", "registration_ended"; None if open.

        Cases already open continue whatever the reason."""
        if not self.active:
            return "inactive"
        if not self.vae_open:
            return "no_vae"
        if self.end_date is not None and self.end_date < today:
            return "registration_ended"
        return None

    @property
    def required_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.required]

    def __repr__(self) -> str:
        return f"<Title {self.rncp_code}>"


# The catalogue's order (open titles first, then by label): its first page reads 20 index
# entries instead of sorting 20,000 titles.
Index("ix_title_catalog_order", Title.active.desc(), Title.label, Title.id)


class Block(db.Model):
    """A block of competences, certifiable on its own."""

    __tablename__ = "block"

    id: Mapped[int] = mapped_column(primary_key=True)
    title_id: Mapped[int] = mapped_column(ForeignKey("title.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    label: Mapped[str] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(default=0)
    required: Mapped[bool] = mapped_column(default=True)
    assessment_modalities: Mapped[str | None] = mapped_column(Text)
    notional_workload_hours: Mapped[int | None]
    ects_credits: Mapped[float | None]

    title: Mapped[Title] = relationship(back_populates="blocks")
    # Every competence the block ever had (write through this one), retired ones included:
    # evidence and scores of old dossiers still point at them.
    all_competences: Mapped[list[Competence]] = relationship(
        back_populates="block", order_by="Competence.position", cascade="all, delete-orphan"
    )
    # The competences offered now: what new dossiers document and juries score.
    competences: Mapped[list[Competence]] = relationship(
        primaryjoin="and_(Block.id == Competence.block_id, Competence.retired_at.is_(None))",
        order_by="Competence.position", viewonly=True,
    )

    def __repr__(self) -> str:
        return f"<Block {self.code}>"


class Competence(db.Model):
    """One learning outcome of a block: the unit the jury scores."""

    __tablename__ = "competence"

    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("block.id", ondelete="CASCADE"), index=True)
    # Order in the block (not unique: a re-import reorders, and retired competences keep theirs).
    position: Mapped[int] = mapped_column(default=0)
    # The register's own code for the item ("A1C1", "C.1", "1.1.1"), when it has one.
    code: Mapped[str | None] = mapped_column(String(30))
    label: Mapped[str] = mapped_column(Text)
    # For a hierarchical code ("1.1.1"), the parent item's text ("1.1"), shown before the label.
    context: Mapped[str | None] = mapped_column(Text)
    # Set when the register no longer lists it: kept for old dossiers, not offered to new ones.
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    block: Mapped[Block] = relationship(back_populates="all_competences")


class BlockEquivalence(db.Model):
    """An admin-confirmed correspondence: holding the old block counts as the new one."""

    __tablename__ = "block_equivalence"
    __table_args__ = (
        UniqueConstraint("old_block_id", "new_block_id"),
        CheckConstraint("old_block_id <> new_block_id", name="distinct_blocks"),
        one_of("proposed_by", EQUIVALENCE_ORIGINS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    old_block_id: Mapped[int] = mapped_column(ForeignKey("block.id", ondelete="CASCADE"), index=True)
    new_block_id: Mapped[int] = mapped_column(ForeignKey("block.id", ondelete="CASCADE"), index=True)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Why it was proposed: "register" (a correspondence in the fiche), "label" (same block label)
    # or "admin" (declared by the certifier where the register says nothing).
    proposed_by: Mapped[str] = mapped_column(String(20), default="label")

    old_block: Mapped[Block] = relationship(foreign_keys=[old_block_id])
    new_block: Mapped[Block] = relationship(foreign_keys=[new_block_id])


class RegisterLink(db.Model):
    """What a fiche of the register says counts toward what (versions, CORRESPONDANCES).

    Stored as codes, not ids: either side may be outside the imported file. When both
    titles are in the catalogue, the link is turned into proposed `BlockEquivalence` rows.
    """

    __tablename__ = "register_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The fiche that states the link: its links are replaced when it is re-imported.
    stated_by: Mapped[str] = mapped_column(String(20), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    old_title: Mapped[str | None] = mapped_column(String(20), index=True)
    old_block: Mapped[str | None] = mapped_column(String(30))
    new_title: Mapped[str | None] = mapped_column(String(20), index=True)
    new_block: Mapped[str | None] = mapped_column(String(30))
