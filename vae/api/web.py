"""Web pages of the API: a person's access tokens (created, shown once, revoked), and the
certifier's view of webhook subscriptions and deliveries. Ordinary pages: CSRF on."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import HiddenField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from vae.api.auth import SCOPES, create_personal_token, revoke_token
from vae.core.fields import MultiCheckboxField
from vae.core.permissions import role_required
from vae.extensions import db
from vae.models import ApiToken, WebhookDelivery, WebhookSubscription
from vae.models.states import ADMIN

bp = Blueprint("api_web", __name__)

SCOPE_LABELS = {
    "titles:read": _l("Read the titles, their blocks and competences"),
    "cases:read": _l("Read the applications you may see, with their possible steps"),
    "cases:write": _l("Start an application, record experiences and evidence"),
    "case_blocks:events": _l("Take the steps of the workflow (same rules as the pages)"),
    "evidence:read": _l("Read evidence descriptions and files you may see"),
    "jury:read": _l("Read the jury sessions and interviews you may see"),
    "jury:write": _l("Organise sessions, book interviews, record outcomes and scores, sign"),
    "awards:read": _l("Read blocks and titles held, and certificates"),
    "training:write": _l("Record blocks a training course assessed (trusted partners)"),
    "webhooks:manage": _l("Manage webhook subscriptions (certifier staff)"),
}
assert set(SCOPE_LABELS) == set(SCOPES)


class NewTokenForm(FlaskForm):
    name = StringField(_l("Name (what the token is for)"), validators=[DataRequired(), Length(max=100)])
    scopes = MultiCheckboxField(_l("What it may do"), choices=[(k, v) for k, v in SCOPE_LABELS.items()],
                                validators=[DataRequired()])
    submit = SubmitField(_l("Create the token"))


class RevokeTokenForm(FlaskForm):
    token_id = HiddenField(validators=[DataRequired(), Length(max=12)])
    submit = SubmitField(_l("Revoke"))


def _my_tokens():
    return db.session.scalars(select(ApiToken).where(ApiToken.user_id == current_user.id,
                                                     ApiToken.client_id.is_(None)).order_by(ApiToken.id.desc()))


@bp.get("/account/api-tokens")
@login_required
def tokens():
    return render_template("api/tokens.html", form=NewTokenForm(), revoke_form=RevokeTokenForm(),
                           tokens=list(_my_tokens()), clear=None)


@bp.post("/account/api-tokens")
@login_required
def create_token():
    form = NewTokenForm()
    clear = None
    if form.validate_on_submit():
        _token, clear = create_personal_token(current_user, name=form.name.data, scopes=form.scopes.data)
        db.session.commit()
        flash(_("Copy the token now: it will not be shown again."), "success")
        form = NewTokenForm(formdata=None)
    else:
        flash(_("Please check the form."), "error")
    return render_template("api/tokens.html", form=form, revoke_form=RevokeTokenForm(),
                           tokens=list(_my_tokens()), clear=clear), 400 if form.errors else 200


@bp.post("/account/api-tokens/revoke")
@login_required
def revoke():
    form = RevokeTokenForm()
    if form.validate_on_submit() and form.token_id.data.isdigit():
        token = db.session.get(ApiToken, int(form.token_id.data))
        if token is None or token.user_id != current_user.id:
            abort(404)
        revoke_token(token, current_user)
        db.session.commit()
        flash(_("The token is revoked."), "success")
    return redirect(url_for(".tokens"))


@bp.get("/admin/webhooks")
@role_required(ADMIN)
def webhooks():
    state = request.args.get("state") if request.args.get("state") in ("pending", "sent", "failed", "dead") else None
    deliveries = select(WebhookDelivery).order_by(WebhookDelivery.id.desc()).limit(100)
    if state:
        deliveries = deliveries.where(WebhookDelivery.state == state)
    return render_template("api/webhooks.html", state=state,
                           subscriptions=list(db.session.scalars(select(WebhookSubscription)
                                                                 .order_by(WebhookSubscription.id))),
                           deliveries=list(db.session.scalars(deliveries)))
