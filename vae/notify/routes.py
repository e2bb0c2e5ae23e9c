"""Admins: messages that could not be delivered, and a button to try again."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from vae.core.permissions import role_required
from vae.extensions import db
from vae.models import OutboxMessage
from vae.models.states import ADMIN
from vae.notify import operations
from vae.notify.dispatch import send_after_request
from vae.notify.forms import RetryForm

bp = Blueprint("notify", __name__, url_prefix="/admin/mail")
bp.after_app_request(send_after_request)  # every page that queued mail starts its sending after the commit
PAGE_SIZE = 50


@bp.get("/")
@role_required(ADMIN)
def undelivered():
    state = request.args.get("state")
    page = request.args.get("page", 1, type=int)
    if page < 1 or page > 100_000:
        abort(400)
    pagination = db.paginate(operations.undelivered_messages(state), page=page, per_page=PAGE_SIZE,
                             error_out=False)
    return render_template("notify/undelivered.html", pagination=pagination, state=state,
                           counts=operations.undelivered_counts(), form=RetryForm())


@bp.post("/<int:message_id>/retry")
@role_required(ADMIN)
def retry(message_id: int):
    if not RetryForm().validate_on_submit():
        abort(400)
    message = db.session.get(OutboxMessage, message_id) or abort(404)
    if operations.retry_message(message, actor=current_user):
        db.session.commit()
        flash(_("The message to %(address)s will be sent again at the next pass.", address=message.to_address),
              "success")
    else:
        flash(_("This message is not waiting for a retry."), "error")
    return redirect(url_for(".undelivered"))
