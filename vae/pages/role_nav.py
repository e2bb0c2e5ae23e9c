"""The header's role links, rendered once per (roles, language, script root) and reused.

`_role_nav.html` includes every feature's `_nav.html`, each testing the person's roles:
the same few lines for every admin, every mentor… but a dozen includes, role checks,
URLs and translations on every page. What it shows depends only on the roles held, the
language and where the application is mounted, so those make the cache key; nothing
about the person (name, ids) is in it. Per application, bounded.
"""
from __future__ import annotations

from flask import current_app, render_template, request
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

TEMPLATE = "_role_nav.html"
MOST_KEPT = 256  # role combinations × languages: a few dozen in practice


def role_nav() -> Markup:
    key = (current_user.is_authenticated and tuple(sorted(current_user.roles)),
           str(get_locale()), request.script_root)
    kept: dict = current_app.extensions.setdefault("vae_role_nav", {})
    html = kept.get(key)
    if html is None:
        if len(kept) >= MOST_KEPT:
            kept.clear()
        html = kept[key] = Markup(render_template(TEMPLATE))
    return html
