"""Firing a transition from a route, through the one commit helper."""
from __future__ import annotations

from flask_babel import gettext as _

from vae.core.commit import commit_or_refuse
from vae.workflows.messages import done_message


def fire_from_form(workflow, obj, event: str, actor, form, **data) -> bool:
    """Fire `event` with the version the form was rendered with; say in plain words what happened."""
    what = workflow.label_of(event)
    return commit_or_refuse(
        lambda: workflow.fire(obj, event, actor, expected_version=form.expected_version, **data).or_refuse(),
        done_message(workflow, event), failure=_("Not done yet: %(what)s.", what=what))
