from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField
from wtforms.validators import DataRequired, Length, Optional

from vae.core.fields import MultiCheckboxField

# The short list a learner chooses the life of a link from (days).
EXPIRY_CHOICES = [("7", _l("one week")), ("30", _l("one month")), ("90", _l("three months")),
                  ("365", _l("one year"))]


class ShareLinkForm(FlaskForm):
    certificates = MultiCheckboxField(_l("Credentials to show"), validators=[DataRequired(
        message=_l("Choose at least one credential to share."))])
    expires_in = RadioField(_l("The link works for"), choices=EXPIRY_CHOICES, default="30",
                            validators=[DataRequired()])
    label = StringField(_l("A note for yourself (who the link is for)"), validators=[Optional(), Length(max=120)])


class RevokeLinkForm(FlaskForm):
    """Only the CSRF token: the link is in the URL."""
