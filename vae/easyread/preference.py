"""Whether the easy-read mode is on: the user's preference when signed in, a cookie otherwise."""
from __future__ import annotations

from flask import request
from flask_login import current_user

COOKIE = "easy_read"
_ONE_YEAR = 365 * 24 * 3600


def is_on() -> bool:
    if current_user.is_authenticated:
        return bool(current_user.easy_read)
    return request.cookies.get(COOKIE) == "1"


def remember(on: bool, response) -> None:
    """Keep the choice: on the account (flushed; the route commits), or in a cookie for a visitor."""
    if current_user.is_authenticated:
        current_user.easy_read = on
    else:
        response.set_cookie(COOKIE, "1" if on else "0", max_age=_ONE_YEAR, httponly=True, samesite="Lax",
                            secure=request.is_secure)
