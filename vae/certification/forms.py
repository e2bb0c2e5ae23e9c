from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length


class RevokeForm(FlaskForm):
    reason = TextAreaField(_l("Reason for revocation"), validators=[DataRequired(), Length(max=2000)])


class IssueBatchForm(FlaskForm):
    """Only the CSRF token: the session is in the URL."""


class PublicNameForm(FlaskForm):
    public_name = RadioField(_l("On the public page, show"), validators=[DataRequired()],
                             choices=[("full", _l("my full name")), ("initials", _l("only my initials"))])
