from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import Length

from vae.core.forms import VersionedForm


class DecisionForm(VersionedForm):
    decision = SelectField(_l("Decision"), choices=[
        ("declare_admissible", _l("Admissible")), ("declare_incomplete", _l("Incomplete (back to the candidate)")),
        ("declare_inadmissible", _l("Not admissible (final)"))])
    reason = TextAreaField(_l("Reasons (required unless admissible)"), validators=[Length(max=4000)])
    submit = SubmitField(_l("Record the decision"))


class MentorForm(FlaskForm):
    mentor_id = SelectField(_l("Mentor"), coerce=int)
    submit = SubmitField(_l("Assign"))
