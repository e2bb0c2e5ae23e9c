"""The VAE-by-blocks case engine: application factory."""
from __future__ import annotations

import importlib
import importlib.util
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
    limiter.init_app(app)
    login_manager.init_app(app)

    from vae.core.i18n import select_locale

    babel.init_app(app, locale_selector=select_locale)

    from vae import models  # noqa: F401  (registers every table on the metadata)
    from vae.auth import setup_login

    setup_login(app)
    _register_blueprints(app)
    from vae.core.errors import register_error_handlers
    from vae.core.templating import register_template_helpers

    register_error_handlers(app)
    register_template_helpers(app)
    from vae.api.problems import register_problem_handlers

    register_problem_handlers(app)  # after the web's: problem+json under /api/v1 only

    _register_commands(app)
    return app


# Each feature is a package with an optional routes.py (blueprint `bp`) and cli.py
# (commands added to `vae_cli`): listing them here is the only wiring a feature needs.
FEATURES = ("core", "auth", "admin", "admissibility", "catalog", "candidate", "mentor", "jury",
            "certification", "notify", "dashboard", "security", "privacy", "storage", "ops", "api")


def _feature_module(feature: str, name: str):
    """vae.<feature>.<name> if that feature has such a module, else None."""
    try:
        found = importlib.util.find_spec(f"vae.{feature}.{name}")
    except ModuleNotFoundError:  # the feature package itself does not exist
        return None
    return importlib.import_module(f"vae.{feature}.{name}") if found else None


def _register_blueprints(app: Flask) -> None:
    for feature in FEATURES:
        module = _feature_module(feature, "routes")
        if module is not None:
            app.register_blueprint(module.bp)


def _register_commands(app: Flask) -> None:
    from vae.cli import vae_cli

    for feature in FEATURES:
        _feature_module(feature, "cli")
    app.cli.add_command(vae_cli)


def _instance_secret(path: Path) -> str:
    """A secret key kept in instance/ so that sessions survive restarts without config."""
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key
