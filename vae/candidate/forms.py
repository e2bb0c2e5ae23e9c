from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (BooleanField, DateField, DecimalField, EmailField, HiddenField, IntegerField, PasswordField,
                     SelectField, StringField, SubmitField, TelField, TextAreaField)
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, NumberRange, Optional, ValidationError

from vae.auth.passwords import strong_password
from vae.core.fields import MultiCheckboxField
from vae.core.forms import VersionedForm

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


class BlocksForm(VersionedForm):
    blocks = MultiCheckboxField(_l("Blocks I apply for"), coerce=int)
    submit = SubmitField(_l("Save my choice"))


class ExperienceForm(FlaskForm):
    employer = StringField(_l("Employer (or “private employers” for household work)"),
                           validators=[DataRequired(), Length(max=200)])
    household_employer = BooleanField(_l("I work for private individuals at their home"))
    role = StringField(_l("Job or role"), validators=[DataRequired(), Length(max=200)])
    start_date = DateField(_l("From"), validators=[DataRequired()])
    end_date = DateField(_l("To (leave empty if ongoing)"), validators=[Optional()])
    hours_per_week = DecimalField(_l("Hours per week"), places=1,
                                  validators=[InputRequired(), NumberRange(min=0.5, max=80)])
    activities = TextAreaField(_l("What you do there, in your own words"), validators=[Length(max=5000)])
    case_blocks = MultiCheckboxField(_l("Blocks this experience supports"), coerce=int)
    submit = SubmitField(_l("Save the experience"))

    def validate_end_date(self, field):
        if field.data and self.start_date.data and field.data < self.start_date.data:
            # WTForms 3 turns only ValidationError into a field message (a ValueError is a 500).
            raise ValidationError(_l("The end date is before the start date."))


class EvidenceForm(FlaskForm):
    competence_id = SelectField(_l("Competence"), coerce=int)
    kind = SelectField(_l("Kind of evidence"), choices=[
        ("text", _l("Written account")), ("photo", _l("Photo")), ("audio", _l("Audio recording")),
        ("video", _l("Video")), ("document", _l("Document (PDF)"))])
    title = StringField(_l("Short title"), validators=[Optional(), Length(max=200)])
    body = TextAreaField(_l("Your account, or a caption"), validators=[Length(max=20000)])
    file = FileField(_l("File"))
    submit = SubmitField(_l("Add"))


class EvidenceEditForm(FlaskForm):
    competence_id = SelectField(_l("Competence"), coerce=int)
    title = StringField(_l("Short title"), validators=[Optional(), Length(max=200)])
    body = TextAreaField(_l("Your account, or a caption"), validators=[Length(max=20000)])
    submit = SubmitField(_l("Save"))


class AtInterviewForm(FlaskForm):
    competence_id = HiddenField(validators=[DataRequired()])
    submit = SubmitField(_l("I will show this at the interview"))


class SubmitBlockForm(VersionedForm):
    honour = BooleanField(_l("I certify on my honour that this dossier describes my own experience and "
                             "that the information given is accurate."))
    submit = SubmitField(_l("Submit this block to the jury"))


class ConfirmForm(VersionedForm):
    """A button that changes the case: submit, withdraw, abandon, delete."""

    submit = SubmitField(_l("Confirm"))


class SelfAssessmentForm(FlaskForm):
    submit = SubmitField(_l("Save my self-assessment"))


class TitleSearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Words or RNCP code"), validators=[Optional(), Length(max=100)])


__all__ = ["IntegerField"]
