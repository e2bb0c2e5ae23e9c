"""The dashboard's figures, computed with SQL aggregates that run the same on SQLite and PostgreSQL.

Only the medians are finished in Python, over one row per (subject, state reached).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import distinct, func, select

from vae.extensions import db
from vae.models import AuditEvent, Case, CaseBlock, Title, TitleAward
from vae.models.queries import total_accompaniment_minutes
from vae.models.states import CASE_STATES

CASE_SUBJECT, BLOCK_SUBJECT = "case", "case_block"


@dataclass(frozen=True)
class Phase:
    key: str
    subject_type: str
    start_state: str | None  # None: the case's creation
    end_states: tuple[str, ...]


# The time each phase takes, from the first moment a file enters it to the first moment it leaves.
PHASES = (
    Phase("identification", CASE_SUBJECT, None, ("submitted",)),
    Phase("admissibility", CASE_SUBJECT, "submitted", ("admissible", "incomplete", "inadmissible")),
    Phase("documentation", BLOCK_SUBJECT, "documenting", ("submitted",)),
    Phase("assessment", BLOCK_SUBJECT, "submitted", ("validated", "not_validated")),
    Phase("certification", BLOCK_SUBJECT, "validated", ("certified",)),
)
FUNNEL_STEPS = ("cases_submitted", "cases_admissible", "blocks_submitted", "blocks_validated", "titles_awarded")


def cases_per_state() -> dict[str, int]:
    rows = dict(db.session.execute(select(Case.state, func.count(Case.id)).group_by(Case.state)).all())
    return {state: rows.get(state, 0) for state in CASE_STATES}


def cases_per_title() -> list[tuple[str, str, int]]:
    """(RNCP code, label, number of cases), most cases first; titles without a case are left out."""
    rows = db.session.execute(
        select(Title.rncp_code, Title.label, func.count(Case.id)).join(Case, Case.title_id == Title.id)
        .group_by(Title.id, Title.rncp_code, Title.label).order_by(func.count(Case.id).desc(), Title.rncp_code))
    return [tuple(r) for r in rows.all()]


def _reached(subject_type: str, state: str):
    """How many distinct subjects ever reached this state (the journal keeps it even if they moved on)."""
    return (select(func.count(distinct(AuditEvent.subject_id)))
            .where(AuditEvent.subject_type == subject_type, AuditEvent.to_state == state).scalar_subquery())


def funnel() -> dict[str, int]:
    """Submitted → admissible → submitted blocks → validated blocks (held now) → full titles."""
    held = select(func.count(CaseBlock.id)).where(CaseBlock.state.in_(("validated", "certified"))).scalar_subquery()
    titles = select(func.count(TitleAward.id)).scalar_subquery()
    row = db.session.execute(select(
        _reached(CASE_SUBJECT, "submitted"), _reached(CASE_SUBJECT, "admissible"),
        _reached(BLOCK_SUBJECT, "submitted"), held, titles)).one()
    return dict(zip(FUNNEL_STEPS, row))


def _first_reached(subject_type: str) -> dict[int, dict[str, datetime]]:
    rows = db.session.execute(
        select(AuditEvent.subject_id, AuditEvent.to_state, func.min(AuditEvent.occurred_at))
        .where(AuditEvent.subject_type == subject_type, AuditEvent.to_state.is_not(None))
        .group_by(AuditEvent.subject_id, AuditEvent.to_state))
    reached: dict[int, dict[str, datetime]] = {}
    for subject_id, state, first in rows.all():
        reached.setdefault(subject_id, {})[state] = _aware(first)
    return reached


def _aware(moment) -> datetime:
    """min() over a UTCDateTime column may come back as the driver's raw value: make it aware UTC."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def median_days_per_phase() -> dict[str, float | None]:
    """Median number of days spent in each phase, over the files that went through it; None if none did."""
    reached = {CASE_SUBJECT: _first_reached(CASE_SUBJECT), BLOCK_SUBJECT: _first_reached(BLOCK_SUBJECT)}
    for case_id, created in db.session.execute(select(Case.id, Case.created_at)).all():
        reached[CASE_SUBJECT].setdefault(case_id, {})[None] = _aware(created)
    medians: dict[str, float | None] = {}
    for phase in PHASES:
        durations = []
        for states in reached[phase.subject_type].values():
            start = states.get(phase.start_state)
            ends = [states[s] for s in phase.end_states if s in states and states[s] >= start] if start else []
            if ends:
                durations.append((min(ends) - start).total_seconds() / 86400)
        medians[phase.key] = round(statistics.median(durations), 1) if durations else None
    return medians


def _month_of(column):
    """'YYYY-MM' of a timestamp, in each backend's own words."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def blocks_validated_per_month() -> list[tuple[str, int]]:
    month = _month_of(AuditEvent.occurred_at).label("month")
    rows = db.session.execute(
        select(month, func.count(distinct(AuditEvent.subject_id)))
        .where(AuditEvent.subject_type == BLOCK_SUBJECT, AuditEvent.to_state == "validated")
        .group_by(month).order_by(month))
    return [(m, n) for m, n in rows.all()]


@dataclass
class Dashboard:
    per_state: dict[str, int]
    per_title: list[tuple[str, str, int]]
    funnel: dict[str, int]
    medians: dict[str, float | None]
    per_month: list[tuple[str, int]]
    accompaniment_hours: float = 0.0  # meetings held, per candidate who came (what funders report)


def dashboard() -> Dashboard:
    return Dashboard(cases_per_state(), cases_per_title(), funnel(), median_days_per_phase(),
                     blocks_validated_per_month(), round(total_accompaniment_minutes() / 60, 1))
