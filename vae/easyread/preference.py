"""Whether the easy-read mode is on: the user's preference when signed in, a cookie otherwise."""
from __future__ import annotations

from flask import has_request_context, request
from flask_login import current_user, user_logged_in

from vae.auth.account import signed_up

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


def adopt_visitor_choice(user, **_extra) -> None:
    """At sign-up and log-in: what the visitor chose in this browser becomes the account's preference
    (the route then commits). A browser that never chose leaves the account as it was."""
    if not has_request_context():
        return
    choice = request.cookies.get(COOKIE)
    if choice in ("0", "1"):
        user.easy_read = choice == "1"


def _on_log_in(_app, user, **_extra) -> None:
    adopt_visitor_choice(user)


def connect() -> None:
    """Listen for sign-ups and log-ins (blinker keeps one connection per receiver)."""
    signed_up.connect(adopt_visitor_choice)
    user_logged_in.connect(_on_log_in)
