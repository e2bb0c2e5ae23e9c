from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from vae.core.forms import VersionedForm


class AnnotationForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=[("comment", _l("Comment")), ("question", _l("Question (needs an answer)")),
                                            ("change_request", _l("Change request (blocks submission)"))])
    evidence_id = HiddenField(validators=[Optional()])
    body = TextAreaField(_l("Your note"), validators=[DataRequired(), Length(max=5000)])
    submit = SubmitField(_l("Send"))


class ReplyForm(FlaskForm):
    body = TextAreaField(_l("Your answer"), validators=[DataRequired(), Length(max=5000)])
    submit = SubmitField(_l("Answer"))


class RecordedReplyForm(FlaskForm):
    file = FileField(_l("Your answer, recorded"))
    submit = SubmitField(_l("Send my recorded answer"))


class ResolveForm(FlaskForm):
    submit = SubmitField(_l("Mark as resolved"))


class ReturnForm(VersionedForm):
    reason = TextAreaField(_l("Why the block goes back to documentation"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Return to documentation"))
