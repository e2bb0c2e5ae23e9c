"""Home page per role, language choice, health check."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from vae.core.row_dates import DayFormat
from vae.core.row_urls import IdUrl
from vae.home import queues
from vae.jury.publication import chip_state_reader, state_reader
from vae.extensions import db
from vae.workflows.labels import state_labels
from vae.security.redirects import safe_local_path

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for(".home"))
    return render_template("core/welcome.html")


@bp.get("/home")
@login_required
def home():
    return render_template("core/home.html", queues=queues.for_user(current_user, request.args),
                           case_url=IdUrl("candidate.case", "case_id"),
                           block_url=IdUrl("dossier.block", "case_block_id"), day=DayFormat(),
                           labels=state_labels(), state_of=state_reader(), chip_state=chip_state_reader())


@bp.post("/language")
def set_language():
    form = FlaskForm()
    language = request.form.get("language", "")
    if form.validate_on_submit() and language in current_app.config["LANGUAGES"]:
        session["locale"] = language
        if current_user.is_authenticated:
            current_user.locale = language
            db.session.commit()
    # Only paths of this site: never an open redirect.
    return redirect(safe_local_path(request.form.get("next")) or url_for(".index"))


@bp.get("/healthz")
def health():
    db.session.execute(db.text("SELECT 1"))
    return {"status": "ok"}


@bp.get("/livez")
def alive():
    """Liveness: the process answers (no dependency checked, so a database outage restarts nothing)."""
    return {"status": "ok"}


@bp.get("/readyz")
def ready():
    """Readiness: everything this app server needs answers (database; Redis and the bucket when configured)."""
    from vae.core.readiness import check_dependencies

    problems = check_dependencies()
    return ({"status": "ok"}, 200) if not problems else ({"status": "unavailable", "failing": problems}, 503)
