"""Failed sign-ins: counted on the account for the journal, never a lock on the account.

A lock per account answered "429" only for addresses that have an account (enumeration)
and let anyone lock a known person out. The waiting is done by the rate limiter instead,
per client address (`RATELIMIT_LOGIN`) and per (address typed, client)
(`RATELIMIT_LOGIN_FAILURES`, failures only): the same for every address, and an attacker
elsewhere does not touch the owner's counter. `User.locked_until` is no longer set.
"""
from __future__ import annotations

from vae.models import User


def register_failure(user: User) -> None:
    user.failed_logins = (user.failed_logins or 0) + 1


def register_success(user: User) -> None:
    user.failed_logins = 0
    user.locked_until = None
