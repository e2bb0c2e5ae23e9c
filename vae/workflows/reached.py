"""The first moment a case or a block reached a state (`phase_reached`), written by the engine.

One INSERT that keeps an existing row (ON CONFLICT DO NOTHING, on SQLite and PostgreSQL):
re-entering a state, e.g. a case submitted again after "incomplete", keeps the first moment.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite

from vae.extensions import db
from vae.models import PhaseReached


def note_first_reached(subject_type: str, subject_id: int, state: str, moment: datetime) -> None:
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    db.session.execute(
        dialect.insert(PhaseReached)
        .values(subject_type=subject_type, subject_id=subject_id, state=state, reached_at=moment)
        .on_conflict_do_nothing())
