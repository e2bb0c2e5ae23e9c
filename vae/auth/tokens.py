"""Signed, expiring tokens for password reset and invitations.

The token embeds a fragment of the current password hash, so it stops
working as soon as it has been used once.
"""
from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from vae.extensions import db
from vae.models import User

SALT = "vae-password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _fingerprint(user: User) -> str:
    return (user.password_hash or "unset")[-16:]


def make_reset_token(user: User) -> str:
    return _serializer().dumps({"uid": user.id, "fp": _fingerprint(user)})


def user_from_reset_token(token: str, max_age: int | None = None) -> User | None:
    max_age = max_age or current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        payload = _serializer().loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
    user = db.session.get(User, payload.get("uid")) if isinstance(payload, dict) else None
    if user is None or not user.active or payload.get("fp") != _fingerprint(user):
        return None
    return user


CONFIRM_SALT = "vae-email-confirm"


def _confirm_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=CONFIRM_SALT)


def make_confirm_token(user: User) -> str:
    """Proves the person reads this address; bound to the address so a changed email voids it."""
    return _confirm_serializer().dumps({"uid": user.id, "email": user.email})


def user_from_confirm_token(token: str, max_age: int | None = None) -> User | None:
    max_age = max_age or current_app.config.get("EMAIL_CONFIRM_MAX_AGE", 7 * 24 * 3600)
    try:
        payload = _confirm_serializer().loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
    user = db.session.get(User, payload.get("uid")) if isinstance(payload, dict) else None
    if user is None or not user.active or payload.get("email") != user.email:
        return None
    return user
