"""Rerun a unit of work when another transaction changed the same rows meanwhile.

The unit loads what it needs, changes it and returns; this helper commits. On a
lost optimistic-lock race (StaleDataError) or a PostgreSQL serialization failure
or deadlock, it rolls back and runs the unit again from scratch, a bounded number
of times; the last failure is re-raised (the 409 page).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from vae.extensions import db

T = TypeVar("T")
# PostgreSQL SQLSTATEs worth retrying: serialization_failure, deadlock_detected.
RETRYABLE_SQLSTATES = {"40001", "40P01"}


def is_retryable(error: BaseException) -> bool:
    if isinstance(error, StaleDataError):
        return True
    if isinstance(error, DBAPIError):
        code = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
        return code in RETRYABLE_SQLSTATES
    return False


def run_with_retry(unit: Callable[[], T], *, attempts: int = 3) -> T:
    """Run `unit()` and commit; on a retryable conflict roll back and rerun it."""
    for attempt in range(1, attempts + 1):
        try:
            result = unit()
            db.session.commit()
            return result
        except Exception as error:
            db.session.rollback()
            if attempt == attempts or not is_retryable(error):
                raise
    raise AssertionError("unreachable")
