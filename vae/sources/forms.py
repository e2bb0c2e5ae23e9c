"""Forms of the roads to a block (CSRF on, single-line fields refuse control characters)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, EmailField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

SOURCE_LABELS = {
    "jury": _l("VAE jury decision"),
    "equivalence": _l("Equivalence"),
    "training": _l("Training course assessment"),
    "exam": _l("Exam"),
    "outside": _l("Block from another certifier"),
}


class _ClaimFields(FlaskForm):
    block_code = StringField(_l("Block code (e.g. RNCP37780BC01)"), validators=[DataRequired(), Length(max=40)])
    awarding_body = StringField(_l("Awarding body"), validators=[DataRequired(), Length(max=200)])
    assessed_on = DateField(_l("Date of the assessment"), validators=[DataRequired()])
    assessment_reference = StringField(_l("Assessment reference"), validators=[Optional(), Length(max=100)])
    file = FileField(_l("Supporting document (PDF)"))


class RecordClaimForm(_ClaimFields):
    """The certifier records a training course's assessment or an exam for a candidate."""

    candidate_email = EmailField(_l("Candidate's e-mail address"),
                                 validators=[DataRequired(), Email(), Length(max=254)])
    source = SelectField(_l("Road"), choices=[("training", SOURCE_LABELS["training"]),
                                              ("exam", SOURCE_LABELS["exam"])])
    submit = SubmitField(_l("Record"))


class DeclareOutsideForm(_ClaimFields):
    """The candidate declares a block obtained from another certifier."""

    credential = TextAreaField(_l("Or paste the verifiable credential (Open Badges 3.0 JSON)"),
                               validators=[Optional(), Length(max=200_000)])
    submit = SubmitField(_l("Declare this block"))


class AcceptClaimForm(FlaskForm):
    submit = SubmitField(_l("Accept the block"))


class RefuseClaimForm(FlaskForm):
    reason = TextAreaField(_l("Reason (shown to the candidate)"), validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField(_l("Refuse the block"))
