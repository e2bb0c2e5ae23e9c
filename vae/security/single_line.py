"""Single-line form fields refuse line breaks and other control characters.

The input guard lets CR, LF and tab through (a written account has paragraphs), but a
name or an e-mail address with a line break ends up in mail headers, calendar lines and
CSV rows. Every WTForms text field that is not a <textarea> gets this check, so a form
written tomorrow is covered without remembering a validator.
"""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms.fields import StringField
from wtforms.validators import StopValidation
from wtforms.widgets import TextArea

CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
MESSAGE = _l("Line breaks and control characters are not allowed in this field.")


def _refuse_control_characters(field, form) -> None:
    if isinstance(field.widget, TextArea):
        return
    for value in field.raw_data or ():
        if isinstance(value, str) and CONTROL.search(value):
            raise StopValidation(str(MESSAGE))


def install() -> None:
    """StringField (and every field built on it: e-mail, phone, password, search) checks its raw input."""
    StringField.pre_validate = _refuse_control_characters
