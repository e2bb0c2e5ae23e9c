"""One spelling of timestamps for everything we sign."""

from __future__ import annotations

from datetime import datetime, timezone


def xsd_datetime(moment: datetime) -> str:
    """UTC, whole seconds, 'Z': a naive datetime is refused because a timestamp
    without a zone means different instants to different verifiers."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a timezone-aware datetime is required")
    return moment.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
