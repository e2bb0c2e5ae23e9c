"""Days of a list page's rows, formatted as the `date` filter does, for a fraction of its cost.

The filter (`flask_babel.format_date`) looks up the app's Babel, the reader's locale and
time zone on every call: about 160 µs a row, 8 ms for a queue of 50 rows. `DayFormat` reads
them once per page, and formats each calendar day once (the output depends on the local day
only): `{{ day(case.submitted_at) }}` gives exactly `{{ case.submitted_at | date }}`.
"""
from __future__ import annotations

from datetime import datetime

from babel import dates
from flask_babel import get_locale, get_timezone
from pytz import UTC


class DayFormat:
    def __init__(self, fmt: str = "medium"):
        self._fmt, self._locale, self._tz = fmt, get_locale(), get_timezone()
        self._days: dict = {}

    def __call__(self, value) -> str:
        if not value:
            return ""
        if isinstance(value, datetime):  # the day in the reader's time zone, as to_user_timezone gives it
            local = value if value.tzinfo else value.replace(tzinfo=UTC)
            value = self._tz.normalize(local.astimezone(self._tz)).date()
        shown = self._days.get(value)
        if shown is None:
            shown = self._days[value] = dates.format_date(value, self._fmt, locale=self._locale)
        return shown
