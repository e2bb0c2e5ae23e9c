"""A person's own account: signing up as a candidate, confirming the address, the profile.

They flush; the route commits once."""
from __future__ import annotations

from blinker import Namespace

from vae.auth.operations import create_user, send_confirmation
from vae.core.audit import record
from vae.core.clock import now
from vae.extensions import db
from vae.models import User
from vae.models.states import CANDIDATE

# Sent (sender: the new User) once a visitor's account exists, so that features above auth
# (easy-read) can carry what the visitor chose before having an account.
signed_up = Namespace().signal("signed-up")


def sign_up(*, email: str, first_name: str, last_name: str, phone: str | None, locale: str,
            password: str) -> User:
    user = create_user(email=email, first_name=first_name, last_name=last_name, roles=[CANDIDATE],
                       locale=locale, password=password)
    user.phone = (phone or "").strip() or None
    send_confirmation(user)
    db.session.flush()
    signed_up.send(user)
    return user


def confirm_email(user: User) -> None:
    if user.email_confirmed_at is None:
        user.email_confirmed_at = now()
        record(user, "user", user.id, "email_confirmed")
    db.session.flush()


def update_profile(user: User, *, first_name: str, last_name: str, phone: str | None, locale: str) -> None:
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.phone = (phone or "").strip() or None
    user.locale = locale
    record(user, "user", user.id, "profile_updated")
    db.session.flush()
