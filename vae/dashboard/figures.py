"""The dashboard's figures, computed with SQL aggregates that run the same on SQLite and PostgreSQL.

They read `phase_reached` (the first moment each case and block reached each state, written
by the workflow engine), never the audit journal: every figure is an indexed aggregate, the
medians included. tests/dashboard/journal_reference.py computes the same figures from the
journal and the tests check both agree.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Numeric, cast, func, select
from sqlalchemy.orm import aliased

from vae.extensions import db
from vae.models import Case, CaseBlock, PhaseReached, Title, TitleAward
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
    """How many subjects ever reached this state (they keep their row even after moving on)."""
    return (select(func.count()).select_from(PhaseReached)
            .where(PhaseReached.subject_type == subject_type, PhaseReached.state == state).scalar_subquery())


def funnel() -> dict[str, int]:
    """Submitted → admissible → submitted blocks → validated blocks (held now) → full titles."""
    held = select(func.count(CaseBlock.id)).where(CaseBlock.state.in_(("validated", "certified"))).scalar_subquery()
    titles = select(func.count(TitleAward.id)).scalar_subquery()
    row = db.session.execute(select(
        _reached(CASE_SUBJECT, "submitted"), _reached(CASE_SUBJECT, "admissible"),
        _reached(BLOCK_SUBJECT, "submitted"), held, titles)).one()
    return dict(zip(FUNNEL_STEPS, row))


def _seconds(column):
    """A timestamp as seconds, to subtract two of them, in each backend's own words."""
    if db.session.get_bind().dialect.name == "postgresql":
        return cast(func.extract("epoch", column), Numeric)  # round(numeric, 3) exists, round(float, 3) not
    return func.julianday(column) * 86400


def _durations(phase: Phase):
    """One row per subject that went through the phase: seconds from its start to its first end."""
    end = aliased(PhaseReached)
    if phase.start_state is None:  # the case's creation
        base, subject_id, started, where = Case, Case.id, Case.created_at, ()
    else:
        base = start = aliased(PhaseReached)
        subject_id, started = start.subject_id, start.reached_at
        where = (start.subject_type == phase.subject_type, start.state == phase.start_state)
    # Whole milliseconds: julianday() is a float, and the medians must not move with its last digit.
    seconds = func.round(_seconds(func.min(end.reached_at)) - _seconds(started), 3).label("seconds")
    return (select(seconds).select_from(base)
            .join(end, (end.subject_type == phase.subject_type) & (end.subject_id == subject_id)
                  & end.state.in_(phase.end_states) & (end.reached_at >= started))
            .where(*where).group_by(subject_id, started).subquery())


def _median_days(phase: Phase) -> float | None:
    """The median in SQL (the middle row, or the mean of the two middle rows), both backends alike."""
    durations = _durations(phase)
    ranked = select(durations.c.seconds, func.row_number().over(order_by=durations.c.seconds).label("rank"),
                    func.count().over().label("n")).subquery()
    middle = db.session.scalar(select(func.avg(ranked.c.seconds))
                               .where(ranked.c.rank.in_(((ranked.c.n + 1) // 2, (ranked.c.n + 2) // 2))))
    return None if middle is None else round(float(middle) / 86400, 1)


def median_days_per_phase() -> dict[str, float | None]:
    """Median number of days spent in each phase, over the files that went through it; None if none did."""
    return {phase.key: _median_days(phase) for phase in PHASES}


def _month_of(column):
    """'YYYY-MM' of a timestamp, in each backend's own words."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def blocks_validated_per_month() -> list[tuple[str, int]]:
    """Blocks per month of their first validation (a decision annulled and taken again counts once)."""
    month = _month_of(PhaseReached.reached_at).label("month")
    rows = db.session.execute(
        select(month, func.count())
        .where(PhaseReached.subject_type == BLOCK_SUBJECT, PhaseReached.state == "validated")
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
