from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user

from vae.auth import operations
from vae.auth.forms import LoginForm, NewPasswordForm, ResetRequestForm
from vae.auth.signing_out import signed_out
from vae.auth.tokens import user_from_reset_token
from vae.extensions import db, limiter
from vae.models import User
from vae.security.redirects import safe_local_path

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _safe_next(target: str | None) -> str:
    return safe_local_path(target) or url_for("home.home")


def _limit(key: str, default: str):
    """A rate limit read from config at request time (so tests and deployments can tune it)."""
    return limiter.limit(lambda: current_app.config.get(key, default), methods=["POST"])


def _address_and_client() -> str:
    """Failed sign-ins are counted per (address typed, client): the same for an address with or
    without an account, and an attacker elsewhere cannot lock the owner out."""
    return f"login-failures:{(request.form.get('email') or '').strip().lower()}|{get_remote_address()}"


@bp.route("/login", methods=["GET", "POST"])
@_limit("RATELIMIT_LOGIN", "10 per minute")
@limiter.limit(lambda: current_app.config.get("RATELIMIT_LOGIN_FAILURES", "5 per 15 minutes"),
               key_func=_address_and_client, methods=["POST"],
               deduct_when=lambda response: response.status_code != 302)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.home"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        user = User.by_email(form.email.data)
        if user is not None and user.active and user.password_hash:
            accepted = user.check_password(form.password.data)
        else:
            operations.equal_time_password_check(form.password.data)  # no timing tells who has an account
            accepted = False
        if accepted:
            locale = session.get("locale")
            session.clear()  # a new session at login: no fixation
            if locale:
                session["locale"] = locale
            login_user(user)
            operations.record_login(user)
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
        operations.record_failed_login(user)
        db.session.commit()
        flash(_("Wrong email or password."), "error")
    if request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    # A copied cookie must die with this logout: renewing the nonce voids every cookie issued so far.
    operations.log_out(current_user._get_current_object())
    return signed_out(_("You are logged out."))


@bp.post("/confirm/resend")
@login_required
@_limit("RATELIMIT_RESET", "5 per minute")
def resend_confirmation():
    """A new confirmation link for the signed-in person (the old one may be lost or expired)."""
    if current_user.email_confirmed_at is None:
        operations.send_confirmation(current_user._get_current_object())
        db.session.commit()
        flash(_("Check your mailbox: we sent you a link to confirm your address."), "info")
    return redirect(safe_local_path(request.form.get("next")) or url_for("home.home"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@_limit("RATELIMIT_RESET", "5 per minute")
def forgot_password():
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = User.by_email(form.email.data)
        if user is not None and user.active:
            operations.send_password_reset(user)
            db.session.commit()
        # The same answer either way: this page must not reveal who has an account.
        flash(_("If an account exists for this address, we have sent it a link."), "info")
        return redirect(url_for(".login"))
    return render_template("auth/forgot.html", form=form), 400 if form.errors else 200


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@_limit("RATELIMIT_RESET", "5 per minute")
def reset_password(token: str):
    user = user_from_reset_token(token)
    if user is None:
        flash(_("This link has expired or has already been used. Ask for a new one."), "error")
        return redirect(url_for(".forgot_password"))
    form = NewPasswordForm()
    if form.validate_on_submit():
        if not operations.set_password_from_link(user, form.password.data):
            db.session.rollback()  # another use of the same link won a moment ago
            flash(_("This link has expired or has already been used. Ask for a new one."), "error")
            return redirect(url_for(".forgot_password"))
        db.session.commit()
        flash(_("Your password is saved. You can log in."), "success")
        return redirect(url_for(".login"))
    return render_template("auth/reset.html", form=form), 400 if form.errors else 200
