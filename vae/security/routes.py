"""Security pages (the journal, logging out everywhere) and the hooks every response goes through."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import SecurityError

from vae.auth import operations
from vae.auth.signing_out import signed_out
from vae.core.keyset import keyset_page
from vae.core.permissions import role_required
from vae.core.row_dates import DatetimeFormat
from vae.models import AuditEvent, User
from vae.models.states import ADMIN
from vae.security import input_guard, request_log, single_line
from vae.security.forms import AuditFilterForm, LogoutEverywhereForm
from vae.security.headers import apply_security_headers
from vae.security.journal import JOURNAL_ORDER, journal_query

bp = Blueprint("security", __name__, url_prefix="/security")
PAGE_SIZE = 50
PAGING_ARGS = ("page", "submit", "after", "before")


@bp.record_once
def _install(state) -> None:
    request_log.install_json_logging(state.app)
    single_line.install()
    input_guard.install(state.app, first=[request_log.start_request])


@bp.app_errorhandler(SecurityError)
def _untrusted_host(error: SecurityError):
    """A Host header this deployment does not serve: plain text, since no URL can be built for it."""
    return Response("Bad Request: unknown host\n", status=400, mimetype="text/plain")


bp.after_app_request(apply_security_headers)
bp.after_app_request(request_log.finish_request)


@bp.get("/account")
@login_required
def account():
    return render_template("security/account.html", form=LogoutEverywhereForm())


@bp.post("/logout-everywhere")
@login_required
def logout_everywhere():
    if not LogoutEverywhereForm().validate_on_submit():
        abort(400)
    operations.log_out_everywhere(current_user)
    return signed_out(_("You are logged out on every device."))


@bp.get("/audit")
@role_required(ADMIN)
def audit():
    form = AuditFilterForm(request.args)
    if request.args and not form.validate():
        return render_template("security/audit.html", form=form, pagination=None, filters={}), 400
    filters = {key: value for key, value in request.args.items() if key not in PAGING_ARGS and value}
    query = journal_query(event=form.event.data, subject_type=form.subject_type.data, case_id=form.case_id.data,
                          actor_email=form.actor.data, since=form.since.data, until=form.until.data)
    # Newer/older by cursor, without a total: counting the journal would read all of it.
    # The actor's email only, joined to the page's statement (not a statement of its own): not their roles.
    pagination = keyset_page(query.options(joinedload(AuditEvent.actor).lazyload(User.role_rows)), JOURNAL_ORDER,
                             PAGE_SIZE, request.args, count=False)
    return render_template("security/audit.html", form=form, pagination=pagination, filters=filters,
                           when=DatetimeFormat("short"))
