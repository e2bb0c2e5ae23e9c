"""Long work run outside the request: one row per job, for its progress and its dead letters.

The row lives in the database (not only in the queue engine) so that the admin pages read the
same thing whether jobs run on workers (RQ on Redis) or in-process (no queue configured).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vae.core.clock import now
from vae.extensions import db
from vae.models.types import UTCDateTime, one_of

# queued -> running -> done; running -> retrying -> running ...; after the last attempt: dead.
JOB_STATES = ("queued", "running", "retrying", "done", "dead")


class JobRun(db.Model):
    __tablename__ = "job_run"
    __table_args__ = (
        one_of("state", JOB_STATES),
        Index("ix_job_run_state_created", "state", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(20), default="queued")
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    attempts: Mapped[int] = mapped_column(default=0)
    max_attempts: Mapped[int] = mapped_column(default=3)
    summary: Mapped[str | None] = mapped_column(String(500))
    last_error: Mapped[str | None] = mapped_column(Text)
    # What the job produced, for its page (an import's report, an archive's file name).
    report: Mapped[dict | None] = mapped_column(JSON)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def finished(self) -> bool:
        return self.state in ("done", "dead")
