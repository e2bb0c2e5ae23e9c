"""Claiming a row for one request: a conditional UPDATE that only the first writer matches.

SQLite ignores SELECT … FOR UPDATE, so "read, check, write" lets two requests both pass the
check. `claim(Model, id, condition, **values)` writes only if the row still satisfies
`condition` when the database applies the UPDATE (PostgreSQL re-checks it after waiting for
a concurrent writer; SQLite serialises writers). True for the winner; the loser gets False
and gives the person a clear answer. The object in the session is refreshed either way.
"""
from __future__ import annotations

from sqlalchemy import update

from vae.extensions import db


def claim(model, row_id: int, *conditions, **values) -> bool:
    result = db.session.execute(
        update(model).where(model.id == row_id, *conditions).values(**values)
        .execution_options(synchronize_session=False))
    won = result.rowcount == 1
    obj = db.session.get(model, row_id)
    if obj is not None:
        db.session.refresh(obj)
    return won
