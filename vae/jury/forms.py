from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from vae.core.fields import MultiCheckboxField
from vae.core.forms import VersionedForm
from vae.models.states import MAX_EXPERIENCE_MONTHS

QUALIFICATION_CHOICES = [
    ("practising_professional", _l("Practising professional")),
    ("trainer", _l("Trainer")),
    ("other", _l("Other")),
]
GENDER_CHOICES = [("", _l("Not stated")), ("female", _l("Woman")), ("male", _l("Man")), ("other", _l("Other"))]
OUTCOME_CHOICES = [("held", _l("Held")), ("absent", _l("Candidate absent")),
                   ("excused", _l("Candidate excused"))]
LEVEL_CHOICES = [("", _l("Not scored yet")), ("not_demonstrated", _l("Not demonstrated")),
                 ("partially", _l("Partially demonstrated")), ("demonstrated", _l("Demonstrated")),
                 ("mastered", _l("Mastered"))]
DECISION_CHOICES = [("validated", _l("Validated")), ("not_validated", _l("Not validated"))]
IDENTITY_CHOICES = [("", _l("Not checked yet")), ("national_id_card", _l("National identity card")),
                    ("passport", _l("Passport")), ("residence_permit", _l("Residence permit")),
                    ("driving_licence", _l("Driving licence")), ("other_document", _l("Other official document"))]
LINK_CHOICES = [("none", _l("No link")), ("employer", _l("Employer (current or past)")),
                ("colleague", _l("Colleague")), ("taught_them", _l("Trained them")),
                ("relative", _l("Relative or close friend")), ("mentor", _l("Mentored them")),
                ("other_link", _l("Another link"))]
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class SessionForm(FlaskForm):
    # A typed RNCP code or words of the title, not a list: a national certifier has 20,000 titles.
    title = StringField(_l("Title (RNCP code or words of its name)"), validators=[DataRequired(), Length(max=200)])
    starts_at = DateTimeLocalField(_l("Date and time"), format=LOCAL_FORMAT, validators=[DataRequired()])
    location = StringField(_l("Place"), validators=[Length(max=300)])
    video_link = StringField(_l("Video link"), validators=[Optional(), Length(max=500)])
    capacity = IntegerField(_l("Capacity (candidates)"), default=8,
                            validators=[InputRequired(), NumberRange(min=1, max=100)])
    submit = SubmitField(_l("Create the session"))


class MemberForm(FlaskForm):
    user_id = SelectField(_l("Jury member"), coerce=int, validators=[InputRequired()])
    qualification = SelectField(_l("Qualification"), choices=QUALIFICATION_CHOICES)
    gender = SelectField(_l("Gender (optional)"), choices=GENDER_CHOICES, validators=[Optional()])
    organisation = StringField(_l("Employer or organisation (to detect links with candidates)"),
                               validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Add to the jury"))


class MemberEditForm(FlaskForm):
    qualification = SelectField(_l("Qualification"), choices=QUALIFICATION_CHOICES)
    gender = SelectField(_l("Gender (optional)"), choices=GENDER_CHOICES, validators=[Optional()])
    organisation = StringField(_l("Employer or organisation (to detect links with candidates)"),
                               validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Save the member"))


class ScheduleForm(FlaskForm):
    case_id = SelectField(_l("Candidate"), coerce=int, validators=[InputRequired()])
    starts_at = DateTimeLocalField(_l("Interview time"), format=LOCAL_FORMAT, validators=[DataRequired()])
    submit = SubmitField(_l("Schedule the interview"))


class RescheduleForm(FlaskForm):
    starts_at = DateTimeLocalField(_l("New time"), format=LOCAL_FORMAT, validators=[DataRequired()])
    submit = SubmitField(_l("Move"))


class ReasonForm(FlaskForm):
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=1000)])
    submit = SubmitField(_l("Confirm"))


class OutcomeForm(FlaskForm):
    outcome = RadioField(_l("Interview outcome"), choices=OUTCOME_CHOICES, validators=[InputRequired()])
    identity_document = SelectField(_l("Identity document checked (kind only, never its number)"),
                                    choices=IDENTITY_CHOICES, validators=[Optional()])
    submit = SubmitField(_l("Record the outcome"))


class IdentityForm(FlaskForm):
    identity_document = SelectField(_l("Identity document checked (kind only, never its number)"),
                                    choices=IDENTITY_CHOICES[1:], validators=[InputRequired()])
    submit = SubmitField(_l("Record the identity check"))


def declarations_form(cases, member):
    """One link (and an optional note) per candidate of the member's session, prefilled."""

    class DeclarationsForm(FlaskForm):
        submit = SubmitField(_l("Save my declarations"))

    for case in cases:
        setattr(DeclarationsForm, f"link_{case.id}",
                RadioField(case.candidate.full_name, choices=LINK_CHOICES, validators=[InputRequired()]))
        setattr(DeclarationsForm, f"note_{case.id}", StringField(_l("Details (optional)"),
                                                                 validators=[Optional(), Length(max=500)]))
    form = DeclarationsForm()
    if not form.is_submitted():
        for declaration in member.declarations:
            if hasattr(form, f"link_{declaration.case_id}"):
                getattr(form, f"link_{declaration.case_id}").data = declaration.link
                getattr(form, f"note_{declaration.case_id}").data = declaration.note
    return form


def links_from(form, cases) -> dict[int, tuple[str, str]]:
    return {c.id: (getattr(form, f"link_{c.id}").data, getattr(form, f"note_{c.id}").data or "") for c in cases}


class DecisionForm(VersionedForm):
    decision = RadioField(_l("Decision"), choices=DECISION_CHOICES, validators=[InputRequired()])
    rationale = TextAreaField(_l("Rationale (required when not validated)"), validators=[Length(max=5000)])
    recommendations = TextAreaField(_l("Recommendations for a later attempt"), validators=[Length(max=5000)])
    submit = SubmitField(_l("Record the decision"))


class ConfirmForm(FlaskForm):
    """A button that changes something: CSRF only."""
    submit = SubmitField(_l("Confirm"))


def scoring_form(competences, scores):
    """One level and one comment per competence, prefilled with the member's draft."""

    class ScoringForm(FlaskForm):
        save = SubmitField(_l("Save my scores"))
        send = SubmitField(_l("Submit my scores"))

    for competence in competences:
        setattr(ScoringForm, f"level_{competence.id}",
                SelectField(competence.label, choices=LEVEL_CHOICES, validators=[Optional()]))
        setattr(ScoringForm, f"comment_{competence.id}",
                TextAreaField(_l("Comment"), validators=[Length(max=2000)]))
    form = ScoringForm()
    for competence in competences:
        score = scores.get(competence.id)
        if score is not None and not form.is_submitted():
            getattr(form, f"level_{competence.id}").data = score.level
            getattr(form, f"comment_{competence.id}").data = score.comment
    return form


def levels_from(form, competences) -> dict[int, tuple[str, str]]:
    return {c.id: (getattr(form, f"level_{c.id}").data or "", getattr(form, f"comment_{c.id}").data or "")
            for c in competences}


def local_to_utc(local: datetime) -> datetime:
    """A time typed in the certifier's time zone, as aware UTC."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return local.replace(tzinfo=zone).astimezone(timezone.utc)


class RecommendationForm(FlaskForm):
    """The president's préconisations on a block not validated (the choices are the block's competences)."""

    shortfalls = MultiCheckboxField(_l("Competences that fell short"), coerce=int)
    next_step = RadioField(_l("Suggested next step"), default="",
                           choices=[("", _l("No next step suggested")),
                                    ("experience", _l("Further professional experience")),
                                    ("training", _l("A training module")),
                                    ("new_attempt", _l("A new VAE application"))],
                           validators=[Optional()])
    experience_months = IntegerField(_l("Further experience (months)"),
                                     validators=[Optional(), NumberRange(min=1, max=MAX_EXPERIENCE_MONTHS)])
    training_module = StringField(_l("Training module (its name)"), validators=[Length(max=300)])
    note = TextAreaField(_l("Recommendations in your own words"), validators=[Length(max=5000)])
    submit = SubmitField(_l("Record the recommendations"))


def recommendation_form(block, recommendation=None, **kwargs) -> RecommendationForm:
    if recommendation is not None and "formdata" not in kwargs:
        kwargs.setdefault("data", {
            "shortfalls": [c.id for c in recommendation.shortfalls], "next_step": recommendation.next_step or "",
            "experience_months": recommendation.experience_months,
            "training_module": recommendation.training_module, "note": recommendation.note})
    form = RecommendationForm(**kwargs)
    form.shortfalls.choices = [(c.id, f"{c.code} {c.label}" if c.code else c.label) for c in block.competences]
    return form
