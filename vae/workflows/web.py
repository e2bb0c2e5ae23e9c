"""Firing a transition from a route: commit once on success, show every guard reason otherwise."""
from __future__ import annotations

from flask import flash
from flask_babel import gettext as _

from vae.extensions import db
from vae.workflows.labels import event_label


def fire_from_form(workflow, obj, event: str, actor, expected_version: int | None, **data) -> bool:
    outcome = workflow.fire(obj, event, actor, expected_version=expected_version, **data)
    if outcome.ok:
        db.session.commit()
        flash(_("Done: %(what)s.", what=event_label(event)), "success")
        return True
    db.session.rollback()
    flash(_("Not done yet: %(what)s.", what=event_label(event)), "error")
    for reason in outcome.reasons:
        flash(reason, "error")
    return False
