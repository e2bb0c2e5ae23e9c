"""A person's own account pages: sign up (as a candidate), confirm the address, the profile."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from vae.auth import account
from vae.auth import operations as auth_operations
from vae.auth.account_forms import ProfileForm, SignupForm
from vae.auth.tokens import user_from_confirm_token
from vae.extensions import db, limiter
from vae.models import User

# Its own blueprint: these addresses (/signup, /profile) predate the /auth prefix and were mailed.
bp = Blueprint("account", __name__)


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config.get("RATELIMIT_SIGNUP", "10/hour"), methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("home.home"))
    form = SignupForm()
    if form.validate_on_submit():
        existing = User.by_email(form.email.data)
        if existing:
            # Same answer, same work and so the same time as a success: the page reveals no account.
            auth_operations.answer_sign_up_for_existing_account(existing, form.password.data)
            db.session.commit()
            flash(_("Check your mailbox: we sent you a link to confirm your address."), "info")
            return redirect(url_for("auth.login"))
        account.sign_up(email=form.email.data, first_name=form.first_name.data, last_name=form.last_name.data,
                    phone=form.phone.data, locale=form.locale.data, password=form.password.data)
        db.session.commit()
        flash(_("Check your mailbox: we sent you a link to confirm your address."), "info")
        return redirect(url_for("auth.login"))
    return render_template("candidate/signup.html", form=form), 400 if form.errors else 200


@bp.get("/signup/confirm/<token>")
def confirm_email(token: str):
    user = user_from_confirm_token(token)
    if user is None:
        flash(_("This link has expired or is not valid."), "error")
        return redirect(url_for("auth.login"))
    account.confirm_email(user)
    db.session.commit()
    flash(_("Your address is confirmed. You can log in."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        account.update_profile(current_user, first_name=form.first_name.data, last_name=form.last_name.data,
                           phone=form.phone.data, locale=form.locale.data)
        db.session.commit()
        flash(_("Your profile is saved."), "success")
        return redirect(url_for(".profile"))
    return render_template("candidate/profile.html", form=form), 400 if form.errors else 200
