"""URLs of the layout (stylesheet, script, header and footer links), built once and reused.

`base.html` asks for a dozen URLs on every page whose arguments are written in the
template itself (`url_for('static', filename='css/app.css')`, `url_for('pages.contact')`):
the same answer every time, yet `url_for` walks the URL map for each. `fixed_url` gives
exactly what `url_for` gives and keeps it per application, keyed by the endpoint, its
arguments and the script root (an app mounted under a prefix gets its own). Only for
arguments written in a template: a value that varies per row or per person belongs to
`url_for` (or `vae.core.row_urls` for list rows).
"""
from __future__ import annotations

from flask import current_app, has_request_context, request, url_for

MOST_KEPT = 512  # literal (endpoint, arguments) pairs in templates × script roots: a few dozen


def _kept() -> dict:
    return current_app.extensions.setdefault("vae_fixed_urls", {})


def _lookup(kept: dict, script_root: str | None, endpoint: str, values: dict) -> str:
    key = (endpoint, tuple(sorted(values.items())), script_root)
    url = kept.get(key)
    if url is None:
        if len(kept) >= MOST_KEPT:
            kept.clear()
        url = kept[key] = url_for(endpoint, **values)
    return url


def fixed_url(endpoint: str, **values) -> str:
    return _lookup(_kept(), request.script_root if has_request_context() else None, endpoint, values)


def bound_fixed_url() -> dict:
    """Context processor: a `fixed_url` with the application's store and the script root read
    once per render, not once per link (each read goes through Flask's context proxies)."""
    kept, script_root = _kept(), request.script_root if has_request_context() else None

    def page_fixed_url(endpoint: str, **values) -> str:
        return _lookup(kept, script_root, endpoint, values)

    return {"fixed_url": page_fixed_url}
