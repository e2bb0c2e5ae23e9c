"""Account verbs: they flush, the caller commits."""
from __future__ import annotations

from flask import current_app, url_for

from vae.auth.tokens import make_reset_token
from vae.core.audit import record
from vae.core.clock import now
from vae.extensions import db
from vae.models import User
from vae.outbox.queue import queue_mail
from vae.security import throttle


def hash_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")


def set_password(user: User, password: str, actor: User | None = None) -> None:
    user.set_password(password, method=hash_method())
    user.failed_logins = 0
    user.locked_until = None
    record(actor or user, "user", user.id, "password_set")
    db.session.flush()


def record_login(user: User) -> None:
    user.last_login_at = now()
    throttle.register_success(user)
    record(user, "user", user.id, "login")


def record_failed_login(user: User | None) -> None:
    if user is not None:
        throttle.register_failure(user)
        record(None, "user", user.id, "login_failed", data={"failures": user.failed_logins})


def log_out_everywhere(user: User) -> None:
    """A new nonce invalidates every session cookie issued so far, on every device."""
    user.renew_session_nonce()
    record(user, "user", user.id, "logged_out_everywhere")
    db.session.flush()


def send_password_reset(user: User) -> None:
    link = url_for("auth.reset_password", token=make_reset_token(user), _external=True)
    queue_mail(user, "password_reset", link=link)


def create_user(*, email: str, first_name: str, last_name: str, roles, locale: str = "fr",
                password: str | None = None, actor: User | None = None, invite: bool = False) -> User:
    user = User(email=email.strip().lower(), first_name=first_name.strip(), last_name=last_name.strip(),
                locale=locale)
    user.set_roles(roles)
    if password:
        user.set_password(password, method=hash_method())
    db.session.add(user)
    db.session.flush()
    record(actor, "user", user.id, "user_created", data={"roles": sorted(user.roles)})
    if invite:
        link = url_for("auth.reset_password", token=make_reset_token(user), _external=True)
        queue_mail(user, "invitation", link=link, inviter=actor)
    return user


def set_roles(user: User, roles, actor: User) -> None:
    before = sorted(user.roles)
    user.set_roles(roles)
    record(actor, "user", user.id, "roles_changed", data={"before": before, "after": sorted(user.roles)})
    db.session.flush()


def set_active(user: User, active: bool, actor: User, reason: str | None = None) -> None:
    user.active = active
    if not active:
        user.renew_session_nonce()  # signs them out everywhere
    record(actor, "user", user.id, "activated" if active else "deactivated", reason=reason)
    db.session.flush()
