"""The two workflow tables, and the word a person reads for each of their events."""
from __future__ import annotations

from vae.workflows.block import BLOCK
from vae.workflows.case import CASE

WORKFLOWS = (CASE, BLOCK)


def event_label(event: str) -> str:
    """The label written on the event's transition (the same event has one label in both tables)."""
    for workflow in WORKFLOWS:
        if event in workflow.events:
            return workflow.label_of(event)
    raise KeyError(f"no transition has the event {event!r}")
