"""The workflow tables (case, block, and the claims to a block by other roads), and the word a person reads for each of their events."""
from __future__ import annotations

from vae.workflows.block import BLOCK
from vae.workflows.case import CASE
from vae.workflows.claims import EXAM, OUTSIDE, TRAINING

WORKFLOWS = (CASE, BLOCK)  # the case's own tables (README diagrams)
# Roads to a block outside any case (vae/workflows/claims.py; diagram in docs/pathways.md).
CLAIM_TABLES = (TRAINING, EXAM, OUTSIDE)


def event_label(event: str) -> str:
    """The label written on the event's transition (the same event has one label in both tables)."""
    for workflow in WORKFLOWS + CLAIM_TABLES:
        if event in workflow.events:
            return workflow.label_of(event)
    raise KeyError(f"no transition has the event {event!r}")
