"""One page of a staff list: every list page reads at most `per_page` rows.

The page number comes from the query string and is bounded, so a crafted `?page=` never
answers 500 and the OFFSET stays small enough for the index to serve it.
"""
from __future__ import annotations

from flask import abort, request
from sqlalchemy import Select

from vae.extensions import db

MAX_PAGE = 100_000


def page_number(name: str = "page") -> int:
    page = request.args.get(name, 1, type=int)
    if page < 1 or page > MAX_PAGE:
        abort(400)
    return page


def paginate(query: Select, per_page: int, name: str = "page"):
    """Flask-SQLAlchemy's pagination (one COUNT, one page of rows) for the page in the query string."""
    return db.paginate(query, page=page_number(name), per_page=per_page, error_out=False)
