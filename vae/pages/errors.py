"""Error pages in the site's layout; never a stack trace to the user."""
from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from vae.extensions import db
from vae.security.conflicts import current_state, page_to_reload, submitted_input

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Please check what you entered.")),
    403: (_l("Not allowed"), _l("You are not allowed to do this.")),
    404: (_l("Not found"), _l("This page does not exist, or it is not yours to see.")),
    405: (_l("Not allowed"), _l("This action is not available here.")),
    409: (_l("Changed meanwhile"), _l("Someone changed this file while you were working on it. "
                                     "Nothing was lost: reload the page to see the current state.")),
    413: (_l("File too large"), _l("The file is larger than allowed.")),
    429: (_l("Too many attempts"), _l("Please wait a little before trying again.")),
    500: (_l("Something went wrong"), _l("An unexpected error happened. It has been logged; please try again later.")),
}


def render_error(code: int):
    heading, message = MESSAGES.get(code, MESSAGES[500])
    return render_template("errors/error.html", code=code, heading=heading, message=message), code


def render_conflict():
    """409 with the current state of the case and the user's input given back (nothing lost)."""
    db.session.rollback()
    heading, message = MESSAGES[409]
    return render_template("errors/conflict.html", code=409, heading=heading, message=message,
                           current=current_state(), submitted=submitted_input(),
                           reload_url=page_to_reload()), 409


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if error.code == 409:
            return render_conflict()
        return render_error(error.code if error.code in MESSAGES else 500 if error.code >= 500 else 400)

    @app.errorhandler(StaleDataError)
    def stale(error):
        return render_conflict()

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        db.session.rollback()
        log.exception("unhandled error on %s %s", request.method, request.path)
        return render_error(500)
