"""`column IN (list)` for the import's per-batch lookups, bound as one array on PostgreSQL.

A batch looks up hundreds of codes or ids at once. Rendered as `IN (…)`, every value is a
placeholder of its own: SQLAlchemy renders a cast for each and psycopg splits the long
statement text again on every execution (about a tenth of a first import into PostgreSQL,
profiled on 2,000 fiches). `= ANY(array)` is one parameter and one statement text whatever
the list's length. SQLite has no arrays: `IN` there (its statements are not re-split).
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY

from vae.extensions import db


def one_of(column, values: Iterable):
    """The condition `column` is one of `values`, for the session's database."""
    values = list(values)
    if db.session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)
