"""Helpers available in every template."""
from __future__ import annotations

from flask import Flask
from flask_babel import format_date, format_datetime, get_locale

from vae.models.states import ADMIN, CANDIDATE, JURY, MENTOR
from vae.workflows.labels import state_label
from vae.workflows.tables import event_label


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        state_label=state_label,
        event_label=event_label,
        get_locale=get_locale,
        ROLE_CANDIDATE=CANDIDATE,
        ROLE_MENTOR=MENTOR,
        ROLE_JURY=JURY,
        ROLE_ADMIN=ADMIN,
    )
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": format_datetime(value, fmt) if value else ""
