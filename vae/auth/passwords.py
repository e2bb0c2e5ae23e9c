"""Password rules: a minimum length and not one of the most common passwords."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from vae.security.passwords import is_common

MIN_LENGTH = 10


def password_problem(password: str) -> str | None:
    if len(password) < MIN_LENGTH:
        return str(_l("Use at least %(n)d characters.", n=MIN_LENGTH))
    if is_common(password):
        return str(_l("This password is among the most common ones: choose another."))
    if len(set(password)) < 4:
        return str(_l("Use a more varied password."))
    return None


def strong_password(form, field) -> None:
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)
