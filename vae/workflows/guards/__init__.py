"""Rules: plain functions of domain objects, each returning a reason (shown to people) or None.

One module per phase. A rule names what it reads by its parameters (`case`,
`case_block`, `interview`, `session`, `panel`, `deciding_session`); the engine hands them
over, and operations and pages call the very same function with their own
objects. A rule about an interview or a session says nothing while there is none.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import cache
from typing import Any

Rule = Callable[..., "str | None"]


def _interview(ctx) -> Any:
    return getattr(ctx.obj, "interview", None)


def _session(ctx) -> Any:
    interview = _interview(ctx)
    return interview.session if interview is not None else None


def _panel(ctx) -> Any:
    from vae.workflows.guards.assessment import panel_of

    interview = _interview(ctx)
    return panel_of(interview) if interview is not None else None


# What each parameter name means during a transition (ctx is the engine's Context).
SUBJECTS: dict[str, Callable[[Any], Any]] = {
    "case": lambda ctx: ctx.case,
    "case_block": lambda ctx: ctx.obj,
    "interview": _interview,
    "session": _session,
    "panel": _panel,  # the members who may judge this block's candidate
    "deciding_session": lambda ctx: ctx.data.get("session"),  # the session a president decides in
    "claim": lambda ctx: ctx.obj,  # a block obtained by another road (vae/workflows/claims.py)
}
OPTIONAL = {"interview", "session", "panel", "deciding_session"}


@cache
def _parameters(rule: Rule) -> tuple[str, ...]:
    names = tuple(inspect.signature(rule).parameters)
    unknown = set(names) - set(SUBJECTS)
    if unknown:
        raise ValueError(f"rule {rule.__name__} reads unknown subjects {sorted(unknown)}")
    return names


def check(rule: Rule, ctx) -> str | None:
    """Run one rule on the transition under way."""
    args = {name: SUBJECTS[name](ctx) for name in _parameters(rule)}
    if any(args[name] is None for name in OPTIONAL & set(args)):
        return None
    return rule(**args)


def reasons(rules, *args) -> list[str]:
    """Every reason the rules give for these objects (outside a transition)."""
    return [str(r) for rule in rules if (r := rule(*args))]
