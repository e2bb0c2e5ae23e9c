"""Forms of a person's own account pages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField, TelField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from vae.auth.passwords import strong_password

LOCALE_CHOICES = [("fr", "Français"), ("en", "English")]


class SignupForm(FlaskForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=100)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    phone = TelField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    locale = SelectField(_l("Preferred language"), choices=LOCALE_CHOICES, default="fr")
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200), strong_password])
    confirm = PasswordField(_l("Repeat the password"),
                            validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))])
    submit = SubmitField(_l("Create my account"))


class ProfileForm(FlaskForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=100)])
    phone = TelField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    locale = SelectField(_l("Preferred language"), choices=LOCALE_CHOICES)
    submit = SubmitField(_l("Save"))
