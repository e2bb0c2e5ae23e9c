"""The dashboard's figures as last computed from the journal, so the page never rereads it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON
from sqlalchemy.orm import Mapped, mapped_column

from vae.core.clock import now
from vae.extensions import db
from vae.models.types import UTCDateTime


class DashboardSnapshot(db.Model):
    __tablename__ = "dashboard_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    figures: Mapped[dict] = mapped_column(JSON)  # per_title: the first titles only, what the page shows
    # Every title with its number of cases (for the CSV): not loaded by the page, it grows with the register.
    every_title: Mapped[list | None] = mapped_column(JSON, deferred=True)
