"""A growing delay after failed sign-ins, on top of the per-address rate limit.

The first few mistakes cost nothing; then each further failure locks the account
for twice as long as the previous one (capped), which makes guessing a password
impractical without locking a person out for long.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from vae.core.clock import now
from vae.models import User

FREE_ATTEMPTS = 3
FIRST_DELAY_SECONDS = 30
MAX_DELAY_SECONDS = 3600


def delay_after(failures: int) -> timedelta:
    if failures <= FREE_ATTEMPTS:
        return timedelta(0)
    seconds = FIRST_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS - 1)
    return timedelta(seconds=min(seconds, MAX_DELAY_SECONDS))


def locked_until(user: User | None) -> datetime | None:
    """When this account may try again, if it is waiting now."""
    if user is None or user.locked_until is None:
        return None
    return user.locked_until if user.locked_until > now() else None


def register_failure(user: User) -> None:
    user.failed_logins = (user.failed_logins or 0) + 1
    delay = delay_after(user.failed_logins)
    user.locked_until = now() + delay if delay else None


def register_success(user: User) -> None:
    user.failed_logins = 0
    user.locked_until = None
