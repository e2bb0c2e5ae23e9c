"""Render a workflow table as a Mermaid state diagram (for the README and docs)."""
from __future__ import annotations

from vae.workflows.engine import Workflow
from vae.workflows.phases import PHASE_OF_BLOCK_STATE, PHASES
from vae.workflows.tables import WORKFLOWS

PHASE_STYLES = {"identification": "fill:#eef3fb", "documentation": "fill:#fdf6e3",
                "assessment": "fill:#eef8ee", "certification": "fill:#f6eefa"}


def mermaid(workflow: Workflow) -> str:
    lines = ["stateDiagram-v2", f"    [*] --> {workflow.initial}"]
    for t in workflow.transitions:
        who = ", ".join(sorted(t.roles))
        for source in t.sources:
            lines.append(f"    {source} --> {t.target}: {t.event} ({who})")
    for state in sorted(workflow.final_states):
        lines.append(f"    {state} --> [*]")
    if workflow.name == "case_block":  # colour the block's states by phase
        for phase in PHASES:
            lines.append(f"    classDef {phase} {PHASE_STYLES[phase]}")
            states = [s for s in workflow.states if PHASE_OF_BLOCK_STATE[s] == phase]
            lines.append(f"    class {','.join(states)} {phase}")
    return "\n".join(lines) + "\n"


def all_diagrams() -> dict[str, str]:
    return {wf.name: mermaid(wf) for wf in WORKFLOWS}
