"""The VAE-by-blocks case engine: application factory."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask

from config import CONFIGS
from vae.extensions import babel, csrf, db, limiter, login_manager, migrate
from vae.models.types import render_migration_item


def create_app(config_name: str | None = None, **overrides) -> Flask:
    app = Flask(__name__, instance_path=None)
    app.config.from_object(CONFIGS[config_name or os.environ.get("VAE_CONFIG", "development")])
    app.config.update(overrides)
    app.instance_path = app.config["INSTANCE_DIR"]
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config["SQLALCHEMY_DATABASE_URI"] = (
        app.config.get("SQLALCHEMY_DATABASE_URI") or f"sqlite:///{instance / 'vae.sqlite3'}")
    app.config["UPLOAD_DIR"] = app.config.get("UPLOAD_DIR") or str(instance / "uploads")
    app.config["KEY_DIR"] = app.config.get("KEY_DIR") or str(instance / "keys")
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path) / "secret_key")

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).resolve().parent.parent / "migrations"),
                     render_as_batch=True, compare_type=True, render_item=render_migration_item)
    csrf.init_app(app)
    from vae.core.redis_link import use_redis_for_limits

    use_redis_for_limits(app)  # limits shared by every worker and app server when REDIS_URL is set
    limiter.init_app(app)
    login_manager.init_app(app)

    from vae.core.i18n import select_locale

    babel.init_app(app, locale_selector=select_locale)

    from vae import models  # noqa: F401  (registers every table on the metadata)
    from vae.auth import setup_login

    setup_login(app)
    from vae.security.form_bounds import install as bound_numbers_and_dates

    bound_numbers_and_dates(app)  # before the blueprints: their `<int:…>` rules use the bounded converter
    _register_blueprints(app)
    _fill_workflow_slots(app)
    from vae.pages.errors import register_error_handlers
    from vae.pages.templating import register_template_helpers

    register_error_handlers(app)
    register_template_helpers(app)
    from vae.api.problems import register_problem_handlers

    register_problem_handlers(app)  # after the web's: problem+json under /api/v1 only

    _register_commands(app)
    _register_job_kinds()
    return app


def _register_job_kinds() -> None:
    """Every kind of job (vae/jobs): imported here so that a worker knows them all."""
    from vae.catalog import jobs as _catalog  # noqa: F401
    from vae.certification import jobs as _certification  # noqa: F401
    from vae.dashboard import jobs as _dashboard  # noqa: F401
    from vae.notify import jobs as _notify  # noqa: F401
    from vae.privacy import jobs as _privacy  # noqa: F401


def _register_blueprints(app: Flask) -> None:
    """Every page of the application, by audience: the list to read to find a route."""
    from vae.accompaniment.routes import bp as accompaniment_pages
    from vae.admin.routes import bp as admin_pages
    from vae.admissibility.routes import bp as admissibility_pages
    from vae.api.routes import bp as api_operations
    from vae.api.web import bp as api_token_pages
    from vae.auth.account_routes import bp as account_pages
    from vae.auth.routes import bp as sign_in_pages
    from vae.candidate.routes import bp as candidate_pages
    from vae.catalog.routes import bp as catalog_pages
    from vae.convocation.routes import bp as convocation_files
    from vae.certification.routes import bp as certification_pages
    from vae.dashboard.routes import bp as dashboard_pages
    from vae.dossier.routes import bp as dossier_pages
    from vae.easyread.routes import bp as easy_read_toggle
    from vae.home.routes import bp as home_pages
    from vae.jobs.routes import bp as job_pages
    from vae.jury.admin_routes import bp as jury_admin_pages
    from vae.jury.routes import bp as jury_pages
    from vae.mentor.routes import bp as mentor_pages
    from vae.notify.routes import bp as mail_pages
    from vae.pages.routes import bp as information_pages
    from vae.privacy.routes import bp as privacy_pages
    from vae.records.routes import bp as record_pages
    from vae.security.routes import bp as security_pages
    from vae.sources.routes import bp as block_road_pages
    from vae.storage.routes import bp as file_pages

    for blueprint in (
        home_pages, sign_in_pages, account_pages, information_pages,  # everyone
        easy_read_toggle,                                      # easy-read French: candidates and visitors
        candidate_pages, dossier_pages, convocation_files,     # the candidate; the block page all follow
        record_pages,                                          # the learner's records; pages they share
        mentor_pages, accompaniment_pages,                     # mentors; meetings and assisted entry
        jury_pages, jury_admin_pages,                          # jury members and president; the certifier
        admin_pages, admissibility_pages, catalog_pages,       # the certifier's staff
        block_road_pages,                                      # training, exam, other certifiers' blocks
        certification_pages, mail_pages, dashboard_pages, security_pages, privacy_pages, file_pages,
        job_pages,                                             # the certifier's view of long work
        api_operations, api_token_pages,                       # other systems, and their tokens
    ):
        app.register_blueprint(blueprint)


def _fill_workflow_slots(app: Flask) -> None:
    """Steps the workflow tables list and a feature performs (see `vae.workflows.hooks`)."""
    from vae.certification.operations import issue_what_the_block_earned
    from vae.workflows.hooks import ISSUE_CERTIFICATE

    ISSUE_CERTIFICATE.fill(app, issue_what_the_block_earned)  # "certify" issues the certificates


def _register_commands(app: Flask) -> None:
    # Importing a cli module adds its commands to the `flask vae` group.
    from vae import cli as _application  # noqa: F401
    from vae.api import cli as _api  # noqa: F401
    from vae.catalog import cli as _catalog  # noqa: F401
    from vae.certification import cli as _certification  # noqa: F401
    from vae.core.cli import vae_cli
    from vae.dashboard import cli as _dashboard  # noqa: F401
    from vae.jobs import cli as _jobs  # noqa: F401
    from vae.ops import cli as _ops  # noqa: F401
    from vae.outbox import cli as _outbox  # noqa: F401
    from vae.privacy import cli as _privacy  # noqa: F401

    app.cli.add_command(vae_cli)


def _instance_secret(path: Path) -> str:
    """A secret key kept in instance/ so that sessions survive restarts without config."""
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key
