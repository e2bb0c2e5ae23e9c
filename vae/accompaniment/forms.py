"""Forms of accompaniment: meetings, and the mentor's assisted entries."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateTimeLocalField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from vae.core.fields import MultiCheckboxField

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class MeetingForm(FlaskForm):
    cases = MultiCheckboxField(_l("Candidates"), coerce=int)
    format = SelectField(_l("Kind of meeting"), choices=[("individual", _l("Individual meeting")),
                                                         ("group", _l("Group workshop"))])
    mode = SelectField(_l("Where"), choices=[("onsite", _l("On site")), ("video", _l("By video"))])
    topic = StringField(_l("Topic"), validators=[Optional(), Length(max=200)])
    place = StringField(_l("Place (on site)"), validators=[Optional(), Length(max=200)])
    video_link = StringField(_l("Video link (https://…)"), validators=[Optional(), Length(max=500)])
    starts_at = DateTimeLocalField(_l("Date and time"), format=LOCAL_FORMAT, validators=[DataRequired()])
    minutes = IntegerField(_l("Planned length (minutes)"), default=60,
                           validators=[InputRequired(), NumberRange(min=15, max=480)])
    submit = SubmitField(_l("Schedule and invite"))


class HeldForm(FlaskForm):
    """Attendance and each candidate's note come as `attended-<case id>` and `note-<case id>` fields."""

    minutes = IntegerField(_l("Actual length (minutes)"), validators=[InputRequired(), NumberRange(min=1, max=480)])
    submit = SubmitField(_l("The meeting took place"))


class CancelMeetingForm(FlaskForm):
    reason = TextAreaField(_l("Why (optional)"), validators=[Length(max=1000)])
    submit = SubmitField(_l("Cancel the meeting"))


class ProposalForm(FlaskForm):
    competence_id = SelectField(_l("Competence"), coerce=int)
    kind = SelectField(_l("Kind of evidence"), choices=[
        ("text", _l("What the candidate said, written down")), ("audio", _l("Audio recording")),
        ("photo", _l("Photo")), ("video", _l("Video")), ("document", _l("Document (PDF)"))])
    title = StringField(_l("Short title"), validators=[Optional(), Length(max=200)])
    body = TextAreaField(_l("The candidate's words, or a caption"), validators=[Length(max=20000)])
    file = FileField(_l("File"))
    submit = SubmitField(_l("Propose to the candidate"))


class ChangeProposalForm(FlaskForm):
    title = StringField(_l("Short title"), validators=[Optional(), Length(max=200)])
    body = TextAreaField(_l("The words"), validators=[Length(max=20000)])
    submit = SubmitField(_l("Save the change"))


class RefuseProposalForm(FlaskForm):
    reason = TextAreaField(_l("Why (optional)"), validators=[Length(max=2000)])
    submit = SubmitField(_l("This is not what I said"))


class ConfirmProposalForm(FlaskForm):
    submit = SubmitField(_l("That is what I said"))


__all__ = ["MeetingForm", "HeldForm", "CancelMeetingForm", "ProposalForm", "ChangeProposalForm",
           "RefuseProposalForm", "ConfirmProposalForm", "IntegerField"]
