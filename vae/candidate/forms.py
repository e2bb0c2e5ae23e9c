from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, DecimalField, IntegerField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from vae.core.fields import MultiCheckboxField
from vae.core.forms import VersionedForm


class BlocksForm(VersionedForm):
    blocks = MultiCheckboxField(_l("Blocks I apply for"), coerce=int)
    submit = SubmitField(_l("Save my choice"))


class ExperienceForm(FlaskForm):
    employer = StringField(_l("Employer (or “private employers” for household work)"),
                           validators=[Length(max=200)])
    household_employer = BooleanField(_l("I work for private individuals at their home"))
    role = StringField(_l("Job or role"), validators=[Length(max=200)])
    start_date = DateField(_l("From"), validators=[DataRequired()])
    end_date = DateField(_l("To (leave empty if ongoing)"), validators=[Optional()])
    hours_per_week = DecimalField(_l("Hours per week"), places=1,
                                  validators=[InputRequired(), NumberRange(min=0.5, max=80)])
    activities = TextAreaField(_l("What you do there, in your own words"), validators=[Length(max=5000)])
    recording = FileField(_l("Or describe it by voice (employer, job, what you do)"))
    case_blocks = MultiCheckboxField(_l("Blocks this experience supports"), coerce=int)
    submit = SubmitField(_l("Save the experience"))

    # Set by the route: a recorded description (new, or kept from before) makes the written fields optional.
    has_recording = False

    def validate_employer(self, field):
        if not (field.data or "").strip() and not self.has_recording:
            raise ValidationError(_l("Give the employer, or describe the experience by voice."))

    def validate_role(self, field):
        if not (field.data or "").strip() and not self.has_recording:
            raise ValidationError(_l("Give the job, or describe the experience by voice."))

    def validate_end_date(self, field):
        if field.data and self.start_date.data and field.data < self.start_date.data:
            # WTForms 3 turns only ValidationError into a field message (a ValueError is a 500).
            raise ValidationError(_l("The end date is before the start date."))


class SelfAssessmentForm(FlaskForm):
    submit = SubmitField(_l("Save my self-assessment"))


class TitleSearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Words or RNCP code"), validators=[Optional(), Length(max=100)])


__all__ = ["IntegerField"]
