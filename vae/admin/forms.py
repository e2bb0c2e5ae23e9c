from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional

from vae.core.fields import MultiCheckboxField
from vae.models.states import ADMIN, CANDIDATE, JURY, MENTOR

ROLE_CHOICES = [
    (CANDIDATE, _l("Candidate")),
    (MENTOR, _l("Mentor")),
    (JURY, _l("Jury member")),
    (ADMIN, _l("Certifier administrator")),
]
LANGUAGE_CHOICES = [("fr", "Français"), ("en", "English")]


class UserCreateForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=100)])
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, default="fr")
    roles = MultiCheckboxField(_l("Roles"), choices=ROLE_CHOICES, validators=[DataRequired()])
    submit = SubmitField(_l("Create and send the invitation"))


class UserRolesForm(FlaskForm):
    roles = MultiCheckboxField(_l("Roles"), choices=ROLE_CHOICES, validators=[DataRequired()])
    submit = SubmitField(_l("Save the roles"))


class DeactivateForm(FlaskForm):
    reason = StringField(_l("Reason"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Deactivate"))


class ActivateForm(FlaskForm):
    submit = SubmitField(_l("Reactivate"))
