"""Forms of the block dossier."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from vae.core.forms import VersionedForm


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
