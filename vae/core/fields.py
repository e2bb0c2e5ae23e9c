"""Form fields shared by several features."""
from __future__ import annotations

from wtforms import SelectMultipleField, widgets


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes (easier than a multi-select on a phone)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()
