"""EU notional workload per title and block, set by the certifier's staff.

No register source gives it, so an admin enters hours (and ECTS credits when the title
has them); credentials emit it when known (docs/credentials.md, "EU elements").
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FloatField, IntegerField, SubmitField
from wtforms.validators import NumberRange, Optional

from vae.core.audit import record
from vae.extensions import db
from vae.models import Title, User

HOURS = [Optional(), NumberRange(min=1, max=20_000)]
ECTS = [Optional(), NumberRange(min=0.5, max=600)]


def workload_form(title: Title, formdata=None) -> FlaskForm:
    """One hours field and one ECTS field for the title and for each of its blocks."""

    class WorkloadForm(FlaskForm):
        title_hours = IntegerField(_l("Whole title: hours"), validators=HOURS)
        title_ects = FloatField(_l("Whole title: ECTS credits"), validators=ECTS)
        submit = SubmitField(_l("Save the workload"))

    data = {"title_hours": title.notional_workload_hours, "title_ects": title.ects_credits}
    for block in title.blocks:
        setattr(WorkloadForm, f"hours_{block.id}", IntegerField(_l("%(code)s: hours", code=block.code),
                                                                validators=HOURS))
        setattr(WorkloadForm, f"ects_{block.id}", FloatField(_l("%(code)s: ECTS credits", code=block.code),
                                                             validators=ECTS))
        data[f"hours_{block.id}"] = block.notional_workload_hours
        data[f"ects_{block.id}"] = block.ects_credits
    return WorkloadForm(formdata=formdata, data=data)


def set_workload(title: Title, actor: User, form: FlaskForm) -> dict:
    """Apply the form; audit what changed (one event for the title). Returns the changes."""
    changes: dict[str, list] = {}

    def apply(obj, attribute: str, value, label: str) -> None:
        if getattr(obj, attribute) != value:
            changes[label] = [getattr(obj, attribute), value]
            setattr(obj, attribute, value)

    apply(title, "notional_workload_hours", form.title_hours.data, "title.hours")
    apply(title, "ects_credits", form.title_ects.data, "title.ects")
    for block in title.blocks:
        apply(block, "notional_workload_hours", form[f"hours_{block.id}"].data, f"{block.code}.hours")
        apply(block, "ects_credits", form[f"ects_{block.id}"].data, f"{block.code}.ects")
    if changes:
        db.session.flush()
        record(actor, "title", title.id, "workload", data=changes)
    return changes
