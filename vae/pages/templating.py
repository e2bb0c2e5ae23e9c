"""Helpers available in every template."""
from __future__ import annotations

from flask import Flask
from flask_babel import format_date, format_datetime, format_decimal, get_locale

from vae.core.fixed_urls import bound_fixed_url, fixed_url
from vae.core.history import last_return
from vae.pages.role_nav import role_nav
from vae.pages.template_gettext import bound_gettext
from vae.models.states import ADMIN, CANDIDATE, JURY, MENTOR
from vae.workflows.labels import state_label
from vae.workflows.tables import event_label


def signup_url() -> str:
    """Where a visitor creates an account (the account pages of `vae.auth`)."""
    return fixed_url("account.signup")


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        signup_url=signup_url,
        state_label=state_label,
        event_label=event_label,
        get_locale=get_locale,
        last_return=last_return,
        ROLE_CANDIDATE=CANDIDATE,
        ROLE_MENTOR=MENTOR,
        ROLE_JURY=JURY,
        ROLE_ADMIN=ADMIN,
        role_nav=role_nav,
        fixed_url=fixed_url,  # the layout's URLs, built once (vae/core/fixed_urls.py)
    )
    app.context_processor(bound_gettext)  # `_()` in a page: the catalogue looked up once per render
    app.context_processor(bound_fixed_url)  # the layout's URLs: the store and script root read once per render
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""
    # "35 h", "17,5 h", "1 607 h": numbers as the reader's language writes them.
    app.jinja_env.filters["number"] = lambda value: format_decimal(value) if value is not None else ""
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": format_datetime(value, fmt) if value else ""
