"""The jury session form's title: a typed RNCP code or a few words, resolved to one active title.

A `<select>` of every active title is 20,000 options at national scale; a typed value is
resolved by one indexed query (the code) or the catalogue's full-text search (words).
"""
from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import Field

from vae.catalog.search import title_matches
from vae.extensions import db
from vae.models import Title

_CODE = re.compile(r"^\s*(?:rncp\s*)?(\d{1,9})\s*$", re.IGNORECASE)
SHOWN = 5  # candidates named in the error when the words match several titles


def find_active_title(field: Field) -> Title | None:
    """The active title the field names, or None with an error on the field that says why."""
    typed = (field.data or "").strip()
    code = _CODE.match(typed)
    if code:
        rncp = f"RNCP{code.group(1)}"
        title = db.session.scalar(select(Title).where(Title.rncp_code == rncp, Title.active))
        if title is None:
            field.errors.append(_("No active title has the RNCP code %(code)s.", code=rncp))
        return title
    found = list(db.session.scalars(select(Title).where(Title.active, title_matches(typed))
                                    .order_by(Title.rncp_code).limit(SHOWN + 1)))
    if len(found) == 1:
        return found[0]
    if not found:
        field.errors.append(_("No active title matches “%(words)s”: type its RNCP code (for example RNCP37780).",
                              words=typed))
    else:
        names = ", ".join(f"{t.rncp_code} ({t.label})" for t in found[:SHOWN])
        field.errors.append(_("Several titles match: %(names)s. Type the RNCP code of the one you mean.",
                              names=names + ("…" if len(found) > SHOWN else "")))
    return None
