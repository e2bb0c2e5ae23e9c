"""Route decorators that require a global role (object access is checked in vae.core.access)."""
from __future__ import annotations

from functools import wraps

from flask_login import current_user, login_required
from werkzeug.exceptions import Forbidden


def role_required(*roles: str):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not any(current_user.has_role(role) for role in roles):
                raise Forbidden()
            return view(*args, **kwargs)

        return wrapped

    return decorator
