"""Numbers and dates that no field should take, refused by every form and every URL.

- Ids in URLs and query parameters: at most 2**31 - 1 (PostgreSQL's `integer`); a larger
  one would overflow the driver (SQLite: 64 bits, PostgreSQL: 32) and answer 500, so the
  URL simply does not match (404) and `request.args.get(..., type=int)` gives its default.
- Integer fields: the same bound, unless the form sets its own `NumberRange`.
- Decimal and float fields: NaN, sNaN and infinities are not numbers a person means.
- Dates: years 1900-2200 (year 1 or 9999 breaks date arithmetic and some drivers).
"""
from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal

from flask import Flask, Request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter
from wtforms.fields import DateField, DateTimeField, DecimalField, FloatField, IntegerField
from wtforms.validators import StopValidation

MAX_ID = 2**31 - 1
FIRST_YEAR, LAST_YEAR = 1900, 2200


class BoundedIntegerConverter(IntegerConverter):
    """`<int:…>` in a route: beyond MAX_ID the URL does not match (404), never an overflow."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class BoundedArgs(ImmutableMultiDict):
    """Query and form values: `get(key, type=int)` beyond MAX_ID, or a non-finite float, gives the default."""

    def get(self, key, default=None, type=None):  # noqa: A002
        value = super().get(key, default=default, type=type)
        if value is default:
            return value
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ID:
            return default
        if isinstance(value, (float, Decimal)) and not _finite(value):
            return default
        return value


class BoundedRequest(Request):
    parameter_storage_class = BoundedArgs


def _finite(value) -> bool:
    return value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)


def _has_own_range(field) -> bool:
    return any(type(v).__name__ == "NumberRange" for v in field.validators)


def _bounded_integer(field, form) -> None:
    if isinstance(field.data, int) and abs(field.data) > MAX_ID and not _has_own_range(field):
        raise StopValidation(str(_l("This number is too large.")))


def _finite_number(field, form) -> None:
    if isinstance(field.data, (float, Decimal)) and not _finite(field.data):
        raise StopValidation(str(_l("Enter a number.")))


def _sane_date(field, form) -> None:
    if isinstance(field.data, (date, datetime)) and not FIRST_YEAR <= field.data.year <= LAST_YEAR:
        raise StopValidation(str(_l("Enter a date between %(first)s and %(last)s.", first=FIRST_YEAR,
                                    last=LAST_YEAR)))


def install(app: Flask) -> None:
    """Before blueprints are registered (the converter is looked up when a rule is added)."""
    app.url_map.converters["int"] = BoundedIntegerConverter
    app.request_class = BoundedRequest
    IntegerField.pre_validate = _bounded_integer
    DecimalField.pre_validate = _finite_number
    FloatField.pre_validate = _finite_number
    DateField.pre_validate = _sane_date
    DateTimeField.pre_validate = _sane_date
