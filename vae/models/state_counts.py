"""How many cases are in each state, as the database keeps it (migration 0008_statecounts).

Triggers on `case` keep `case_state_count` exact in the same transaction as every insert,
change of state and delete, so reading it costs a few rows however many cases there are.
The table has no model on purpose: `create_all` would build it without its triggers.
"""
from __future__ import annotations

from sqlalchemy import Integer, String, column, select, table

from vae.extensions import db

case_state_count = table("case_state_count", column("state", String), column("cases", Integer))


def cases_per_state() -> dict[str, int]:
    """{state: number of cases} for every state that has cases (as a GROUP BY state would give)."""
    counts = case_state_count.c
    return dict(db.session.execute(select(counts.state, counts.cases).where(counts.cases > 0)).all())
