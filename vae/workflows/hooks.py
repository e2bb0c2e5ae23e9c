"""Effect slots: steps a transition lists but a feature package performs.

The workflows import no feature package, yet "certify" must issue the certificates
that `vae.certification` signs. The table lists the slot; the feature fills it when
the app is created (`create_app` → `_fill_workflow_slots`). A slot nobody
filled refuses the transition with a reason, as a guard would, instead of changing
the state without its consequence.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from flask_babel import gettext as _

from vae.core.refusal import Refused

EXTENSION = "vae.workflow_hooks"


class EffectSlot:
    """One named step; `ready` is its guard, calling it (with the engine's Context) runs it."""

    def __init__(self, name: str, refusal: Callable[[], str]) -> None:
        self.name = name
        self._refusal = refusal  # the reason shown when nothing fills the slot (translated when asked)
        self.__name__ = name  # the engine and its errors name effects by __name__

    def fill(self, app: Flask, step: Callable[..., Any]) -> None:
        app.extensions.setdefault(EXTENSION, {})[self.name] = step

    def _step(self) -> Callable[..., Any] | None:
        return current_app.extensions.get(EXTENSION, {}).get(self.name)

    def ready(self) -> str | None:
        """The guard: None when a feature fills the slot, else why the transition cannot happen."""
        return None if self._step() is not None else self._refusal()

    def __call__(self, ctx) -> None:
        step = self._step()
        if step is None:  # only reachable by skipping the guard: never change the state without the step
            raise Refused([self._refusal()])
        step(ctx.obj, ctx.actor)


ISSUE_CERTIFICATE = EffectSlot(
    "issue_certificate",
    lambda: _("Certificates cannot be issued here: no certificate issuer is set up."))
