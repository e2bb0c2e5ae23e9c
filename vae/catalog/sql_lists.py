"""`column IN (list)` for the import's per-batch lookups, bound as ONE parameter.

A batch looks up hundreds of codes or ids at once. Rendered as `IN (…)`, every value is a
placeholder of its own: SQLAlchemy renders (and, on SQLite, re-renders at every execution:
an "expanding" parameter defeats the compiled-statement cache) one bind per value, and
psycopg splits the long statement text again on every execution. Profiled on 5,000 fiches
into SQLite, that per-value work was about a fifth of the writer's Python time.
One parameter whatever the list's length:
- PostgreSQL: `= ANY(array)`;
- SQLite: `IN (SELECT value FROM json_each(?))`, the list sent as one JSON text that SQLite
  unpacks in C; the planner still probes the column's index once per value
  (`EXPLAIN QUERY PLAN`: `SEARCH … USING INDEX … LIST SUBQUERY`), and there is no limit on
  the number of values (`IN (?, ?, …)` is capped by SQLITE_MAX_VARIABLE_NUMBER).
Values are codes (text) or ids (integers): JSON keeps both types, so comparisons are the same.
"""
from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import String, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY

from vae.extensions import db


def one_of(column, values: Iterable):
    """The condition `column` is one of `values`, for the session's database."""
    values = list(values)
    if db.session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    listed = func.json_each(bindparam(None, json.dumps(values), type_=String)).table_valued("value")
    return column.in_(select(listed.c.value).scalar_subquery())
