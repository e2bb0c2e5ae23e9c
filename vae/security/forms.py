from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField, SubmitField
from wtforms.validators import Length, NumberRange, Optional


class AuditFilterForm(FlaskForm):
    """Filters of the journal page (a GET form: nothing changes, so no CSRF token)."""

    class Meta:
        csrf = False

    event = StringField(_l("Event"), validators=[Optional(), Length(max=60)])
    subject_type = StringField(_l("Kind of record"), validators=[Optional(), Length(max=40)])
    case_id = IntegerField(_l("Case number"), validators=[Optional(), NumberRange(min=1, max=2**31 - 1)])
    actor = StringField(_l("Done by (email)"), validators=[Optional(), Length(max=254)])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("Until"), validators=[Optional()])
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=100_000)])
    submit = SubmitField(_l("Filter"))


class LogoutEverywhereForm(FlaskForm):
    submit = SubmitField(_l("Log out on every device"))
