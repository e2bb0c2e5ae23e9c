"""Skip locally, fail on CI: a missing PostgreSQL or browser must not go unnoticed there."""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    """True when the environment says we run on CI (``CI=true``, as .ci/run sets it)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def require_or_skip(what: str, reason: str | None) -> None:
    """Stop the current test (or fixture) because ``what`` is unavailable for ``reason``.

    On CI this is a failure (pytest.fail); elsewhere a skip. ``reason=None`` means the
    requirement is met and nothing happens, so a probe's result can be passed straight in:

        require_or_skip("PostgreSQL", postgres.unavailable_reason())
    """
    if reason is None:
        return
    if in_ci():
        pytest.fail(f"{what} is required on CI but unavailable: {reason}", pytrace=False)
    pytest.skip(f"{what} unavailable: {reason}")
