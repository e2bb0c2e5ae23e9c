"""Form pieces shared by every feature."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SubmitField


class VersionedForm(FlaskForm):
    """Forms that change a case carry the version they were rendered with (optimistic lock);
    `commit_or_refuse(..., case=, form=)` checks it."""

    version = HiddenField()

    @property
    def expected_version(self) -> int | None:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return None


class ConfirmForm(VersionedForm):
    """A button that changes the case: submit, withdraw, abandon, delete."""

    submit = SubmitField(_l("Confirm"))
