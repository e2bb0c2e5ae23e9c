"""When a case or a block first reached each state: what the dashboard counts and measures.

The workflow engine writes one row the first time a transition enters a state (tables
that declare `records_first_reached`); later entries into the same state keep the first
moment, as the journal's "first time it reached" did. The journal stays the record of
every change; these rows are its summary, indexed for the dashboard's aggregates.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from vae.extensions import db
from vae.models.types import UTCDateTime


class PhaseReached(db.Model):
    __tablename__ = "phase_reached"
    # Funnel counts and "validated per month" read (subject_type, state[, reached_at]) only.
    __table_args__ = (Index("ix_phase_reached_state", "subject_type", "state", "reached_at"),)

    subject_type: Mapped[str] = mapped_column(String(40), primary_key=True)  # "case" or "case_block"
    subject_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    state: Mapped[str] = mapped_column(String(30), primary_key=True)
    reached_at: Mapped[datetime] = mapped_column(UTCDateTime)
