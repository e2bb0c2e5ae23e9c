"""The dashboard's journal-based figures, computed in Python from every audit row: the reference
that `vae.dashboard.figures` (which reads `phase_reached`) must equal."""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select

from vae.dashboard.figures import BLOCK_SUBJECT, CASE_SUBJECT, PHASES, Dashboard, dashboard
from vae.extensions import db
from vae.models import AuditEvent, Case


def first_reached_from_journal() -> dict[tuple[str, int], dict[str, datetime]]:
    """(subject type, id) → state → the first time the journal shows it entering that state."""
    reached: dict[tuple[str, int], dict[str, datetime]] = {}
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.subject_type.in_((CASE_SUBJECT, BLOCK_SUBJECT)), AuditEvent.to_state.is_not(None)))
    for event in events:
        states = reached.setdefault((event.subject_type, event.subject_id), {})
        if event.to_state not in states or event.occurred_at < states[event.to_state]:
            states[event.to_state] = event.occurred_at
    return reached


def dashboard_from_journal() -> Dashboard:
    """What the dashboard must say, read from the journal (the counts of cases now come from `case`)."""
    reached = first_reached_from_journal()
    for case_id, created in db.session.execute(select(Case.id, Case.created_at)).all():
        reached.setdefault((CASE_SUBJECT, case_id), {})[None] = created

    def count(subject_type: str, state: str) -> int:
        return sum(1 for (kind, _id), states in reached.items() if kind == subject_type and state in states)

    medians: dict[str, float | None] = {}
    for phase in PHASES:
        durations = []
        for (kind, _id), states in reached.items():
            start = states.get(phase.start_state) if kind == phase.subject_type else None
            ends = [states[s] for s in phase.end_states if s in states and states[s] >= start] if start else []
            if ends:
                durations.append((min(ends) - start).total_seconds() / 86400)
        medians[phase.key] = round(statistics.median(durations), 1) if durations else None
    months = Counter(states["validated"].strftime("%Y-%m")
                     for (kind, _id), states in reached.items() if kind == BLOCK_SUBJECT and "validated" in states)
    live = dashboard()  # per state, per title, held blocks and titles never read the journal
    funnel = dict(live.funnel, cases_submitted=count(CASE_SUBJECT, "submitted"),
                  cases_admissible=count(CASE_SUBJECT, "admissible"),
                  blocks_submitted=count(BLOCK_SUBJECT, "submitted"))
    return replace(live, funnel=funnel, medians=medians, per_month=sorted(months.items()))
