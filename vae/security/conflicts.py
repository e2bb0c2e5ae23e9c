"""The "changed meanwhile" page: what the thing looks like now, and what the user typed.

A form rendered from an old version of a case loses to the newer change (the engine's
expected_version, or SQLAlchemy's version check). Nothing the user typed is lost: the
page gives it back to copy, beside the current state of the case or block.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import request
from flask_login import current_user
from werkzeug.exceptions import NotFound

from vae.core.access import get_case_block_or_404, get_case_or_404

NOT_INPUT = {"csrf_token", "submit", "expected_version", "version"}
MAX_KEPT_CHARS = 20_000


@dataclass
class CurrentState:
    label: str  # "case" or "block"
    state: str
    version: int
    name: str


def submitted_input() -> dict[str, str]:
    """What the user typed (text fields only, without tokens), in form order."""
    kept: dict[str, str] = {}
    for key, value in request.form.items(multi=False):
        if key in NOT_INPUT or not value.strip():
            continue
        kept[key] = value[:MAX_KEPT_CHARS]
    return kept


def current_state() -> CurrentState | None:
    """The case or block named by the URL, as this user may see it now."""
    args = request.view_args or {}
    try:
        if "case_block_id" in args:
            block = get_case_block_or_404(current_user, int(args["case_block_id"]))
            return CurrentState("block", block.state, block.case.version, block.block.label)
        if "case_id" in args:
            case = get_case_or_404(current_user, int(args["case_id"]))
            return CurrentState("case", case.state, case.version, case.title.label)
    except (NotFound, ValueError, TypeError):
        return None
    return None


def page_to_reload() -> str | None:
    """The page the form was posted from, when it is one of ours."""
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url):
        return "/" + referrer[len(request.host_url):]
    return None
