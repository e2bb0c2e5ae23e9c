"""Render a workflow table as a Mermaid state diagram (for the README and docs)."""
from __future__ import annotations

from vae.workflows.engine import Workflow


def mermaid(workflow: Workflow) -> str:
    lines = ["stateDiagram-v2", f"    [*] --> {workflow.initial}"]
    for t in workflow.transitions:
        who = ", ".join(sorted(t.roles))
        for source in t.sources:
            lines.append(f"    {source} --> {t.target}: {t.event} ({who})")
    for state in sorted(workflow.final_states):
        lines.append(f"    {state} --> [*]")
    return "\n".join(lines) + "\n"


def all_diagrams() -> dict[str, str]:
    from vae.workflows.block import BLOCK
    from vae.workflows.case import CASE

    return {wf.name: mermaid(wf) for wf in (CASE, BLOCK)}
