from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, Form, FormField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from vae.core.fields import MultiCheckboxField

LEVEL_CHOICES = [("", _l("Any level"))] + [(str(n), str(n)) for n in range(1, 9)]


class CatalogSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search: nothing changes

    q = StringField(_l("Words"), validators=[Optional(), Length(max=100)])
    code = StringField(_l("RNCP code"), validators=[Optional(), Length(max=20)])
    level = SelectField(_l("EQF level"), choices=LEVEL_CHOICES, default="", validators=[Optional()])


class TitlePolicyForm(FlaskForm):
    interview_base_minutes = IntegerField(_l("Interview: base length (minutes)"),
                                          validators=[InputRequired(), NumberRange(min=5, max=240)])
    interview_per_block_minutes = IntegerField(_l("Interview: minutes added per block"),
                                               validators=[InputRequired(), NumberRange(min=0, max=120)])
    interview_max_minutes = IntegerField(_l("Interview: maximum length (minutes)"),
                                         validators=[InputRequired(), NumberRange(min=5, max=480)])
    award_validity_years = IntegerField(_l("Years a block award stays valid (empty: for life)"),
                                        validators=[Optional(), NumberRange(min=1, max=50)])
    required_blocks = MultiCheckboxField(_l("Blocks required for the full title"), coerce=int)
    submit = SubmitField(_l("Save the policy"))

    def validate_interview_max_minutes(self, field):
        base = self.interview_base_minutes.data
        if base is not None and field.data is not None and field.data < base:
            raise ValidationError(_l("The maximum cannot be shorter than the base length."))


class EquivalenceDecisionForm(FlaskForm):
    pass


class DeclareEquivalenceForm(FlaskForm):
    """A correspondence the register does not list (e.g. a block shared by sibling titles)."""

    old_block_code = StringField(_l("Block held (code)"), validators=[InputRequired(), Length(max=30)])
    new_block_code = StringField(_l("Counts as the block (code)"), validators=[InputRequired(), Length(max=30)])
    submit = SubmitField(_l("Declare the equivalence"))


class FundingLineForm(Form):
    """One kind of funding of a title (a sub-form: the page's form carries the CSRF token)."""

    available = BooleanField(_l("This funding is available for the title"))
    # Not "label": a FormField already has a `label` (its legend), which would hide this sub-field.
    funding_label = StringField(_l("Label"), validators=[Length(max=200)])
    url = StringField(_l("Link (https://…)"), validators=[Length(max=500)])
    note = TextAreaField(_l("Note"), validators=[Length(max=2000)])


class TitleFundingForm(FlaskForm):
    cpf = FormField(FundingLineForm, label=_l("Personal training account (CPF)"))
    france_travail = FormField(FundingLineForm, label=_l("France Travail"))
    regional = FormField(FundingLineForm, label=_l("Regional aid"))
    employer = FormField(FundingLineForm, label=_l("Employer's skills development plan"))
    submit = SubmitField(_l("Save the funding information"))


class RegisterImportForm(FlaskForm):
    file = FileField(_l("Register export (XML, or the zip holding it)"), validators=[FileRequired()])
    preview = BooleanField(_l("Preview only: read the file and show the report, write nothing"))
    submit = SubmitField(_l("Import"))


class FundingImportForm(FlaskForm):
    file = FileField(_l("CSV file (rncp_code,kind,available,label,url,note)"), validators=[FileRequired()])
    submit = SubmitField(_l("Import"))
