"""The one way a route runs a domain operation: commit once, or show every reason.

`commit_or_refuse(operation, success)` runs `operation()`; on `Refused` it rolls
back and flashes every reason (after `failure`, if given); otherwise it commits
once and flashes `success`. Given a versioned `form` and the `case` it changes,
a form rendered from an older version gets the 409 page instead of winning
silently. `attempts > 1` reruns the operation on a lost optimistic-lock race.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import flash

from vae.core.refusal import Refused, check_version
from vae.core.retry import run_with_retry
from vae.extensions import db


def commit_or_refuse(operation: Callable[[], object], success: str | None, *, case=None, form=None,
                     failure: str | None = None, attempts: int = 1) -> bool:
    first = [True]

    def checked():
        # The form is compared with the case as the request found it; a rerun after a lost race
        # (another block of the case decided meanwhile) is not the user's stale page.
        if first[0] and form is not None and case is not None:
            check_version(case() if callable(case) else case, form.expected_version)
        first[0] = False
        return operation()

    try:
        run_with_retry(checked, attempts=attempts)
    except Refused as refused:
        db.session.rollback()
        for reason in ([failure] if failure else []) + refused.reasons:
            flash(reason, "error")
        return False
    if success:
        flash(success, "success")
    return True
