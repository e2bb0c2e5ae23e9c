"""Accounts: login, logout, password reset."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from vae.core.redis_link import session_revoked
from vae.extensions import db, login_manager
from vae.models import User

# Built once: a loader option is immutable, and building it on every request showed in the profile.
_WITH_ROLES = (joinedload(User.role_rows),)


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
        user = db.session.get(User, int(user_id), options=_WITH_ROLES)
        if user is None or not user.active or user.session_nonce != nonce:
            return None
        return user
