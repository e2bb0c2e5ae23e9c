"""Accounts: login, logout, password reset."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from vae.core.redis_link import session_revoked
from vae.extensions import db, login_manager
from vae.models import User

# The person and their roles in one query, built once: `session.get(…, options=…)` rebuilt the
# statement and its cache key on every request (some 290 Python calls of every signed-in page).
_PERSON_WITH_ROLES = (select(User).options(joinedload(User.role_rows))
                      .where(User.id == bindparam("user_id")))


def setup_login(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        # The id carries a nonce: renewing it signs the person out of every device.
        user_id, _, nonce = session_id.partition(":")
        if not user_id.isdigit() or session_revoked(int(user_id), nonce):
            return None
        # One query for the person and their roles (every page asks for both).
        user = db.session.execute(_PERSON_WITH_ROLES, {"user_id": int(user_id)}).unique().scalar_one_or_none()
        if user is None or not user.active or user.session_nonce != nonce:
            return None
        return user
