"""Account verbs: they flush, the caller commits."""
from __future__ import annotations

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from vae.auth.tokens import make_confirm_token, make_reset_token
from vae.core.audit import record
from vae.core.claims import claim
from vae.core.clock import now
from vae.core.redis_link import revoke_session
from vae.extensions import db
from vae.models import User
from vae.models.users import _new_nonce as new_session_nonce
from vae.notify.links import public_url
from vae.outbox.queue import queue_mail
from vae.security import throttle


_DUMMY_HASHES: dict[str, str] = {}  # per hashing method: the cost must match the real one


def hash_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")


def set_password(user: User, password: str, actor: User | None = None) -> None:
    user.set_password(password, method=hash_method())
    user.failed_logins = 0
    user.locked_until = None
    record(actor or user, "user", user.id, "password_set")
    db.session.flush()


def set_password_from_link(user: User, password: str) -> bool:
    """Spend a reset link: the new password is written only if the hash is still the one the
    link was checked against, so a link used twice at once sets one password, not two."""
    seen = user.password_hash
    unchanged = User.password_hash.is_(None) if seen is None else User.password_hash == seen
    won = claim(User, user.id, unchanged,
                password_hash=generate_password_hash(password, method=hash_method()),
                failed_logins=0, locked_until=None, session_nonce=new_session_nonce())
    if won:
        record(user, "user", user.id, "password_set")
        db.session.flush()
    return won


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
    revoke_session(user.id, user.session_nonce)
    user.renew_session_nonce()
    record(user, "user", user.id, "logged_out_everywhere")
    db.session.flush()


def log_out(user: User) -> None:
    """The session ends on the server too: its cookie, even copied, no longer signs anyone in."""
    revoke_session(user.id, user.session_nonce)
    user.renew_session_nonce()
    record(user, "user", user.id, "logged_out")
    db.session.flush()


def send_confirmation(user: User) -> None:
    """A link proving the person reads this address; built on PUBLIC_BASE_URL, never the Host header."""
    queue_mail(user, "confirm_email", link=public_url("account.confirm_email", token=make_confirm_token(user)))


def equal_time_password_check(password: str) -> None:
    """Hash a password for nothing: an unknown address costs the same time as a known one."""
    method = hash_method()
    # A stored hash of the configured method that matches nothing: checking against it costs one
    # full hash, and making it costs none (so the first unknown address is not slower either).
    dummy = _DUMMY_HASHES.setdefault(method, f"{method}$nobodyssaltvalue${'0' * 64}")
    check_password_hash(dummy, password)


def answer_sign_up_for_existing_account(user: User, password: str) -> None:
    """A sign-up with a taken address: the page answers as for a new one, the owner gets a mail,
    and the same work is done (a password hash, a queued mail), so neither answer nor time differs."""
    generate_password_hash(password, method=hash_method())
    queue_mail(user, "account_exists", link=public_url("auth.reset_password", token=make_reset_token(user)))
    record(None, "user", user.id, "sign_up_with_taken_address")


def send_password_reset(user: User) -> None:
    link = public_url("auth.reset_password", token=make_reset_token(user))
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
        link = public_url("auth.reset_password", token=make_reset_token(user))
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
