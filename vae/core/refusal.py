"""The one way a domain operation says no: `raise Refused(reasons)`.

The messages are written (and translated) where the rule lives; the page shows
every one of them (see `vae.core.commit.commit_or_refuse`).
"""
from __future__ import annotations

from collections.abc import Iterable

from werkzeug.exceptions import Conflict


class Refused(Exception):
    def __init__(self, reasons: str | Iterable[str]) -> None:
        self.reasons = [reasons] if isinstance(reasons, str) else [str(r) for r in reasons]
        super().__init__("; ".join(self.reasons))


def refuse_if(reasons: Iterable[str | None]) -> None:
    """Raise every reason that is not None at once (rules return a reason or None)."""
    found = [r for r in reasons if r]
    if found:
        raise Refused(found)


class StaleVersion(Conflict):
    """The form was rendered from an older version of the case: the 409 page says so."""

    description = "This file was changed meanwhile by someone else."


def check_version(case, expected_version: int | None) -> None:
    if expected_version is not None and case.version != expected_version:
        raise StaleVersion()
