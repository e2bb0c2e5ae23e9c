"""The end of signing out, wherever it starts (the menu, or "every device" on the security page)."""
from __future__ import annotations

from flask import flash, redirect, session, url_for
from flask_login import logout_user

from vae.extensions import db


def signed_out(message: str):
    """Commit the renewed nonce (every cookie issued so far dies), forget this browser, go home."""
    db.session.commit()
    logout_user()
    session.clear()
    flash(message, "info")
    return redirect(url_for("home.index"))
