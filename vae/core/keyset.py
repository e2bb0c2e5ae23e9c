"""Keyset pages: "next" and "previous" by the sort key of the last (or first) row shown.

An OFFSET page makes the database walk and throw away every row before it, so the
thousandth page of a queue costs a thousand pages. A keyset page asks for the rows after
the last one shown (`WHERE key > cursor ORDER BY key LIMIT n`), which an index on the sort
key answers by a range scan: every page costs the same, and a row inserted meanwhile never
shifts the list (no row shown twice, none skipped). The sort key always ends with the
primary key, so ties on the other columns still have one order.

The cursor is the key of that row, as URL-safe base64 of a JSON list. Nothing secret is in
it; a tampered or truncated cursor answers 400 with a message, never a 500.
"""
from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import abort, make_response, render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Select, and_, func, literal, or_, select, tuple_

from vae.extensions import db

MAX_CURSOR = 400  # characters: a key of a few columns never needs more


@dataclass(frozen=True)
class Key:
    """One column of the sort key: the SQL expression, how to read it from a row, its kind."""

    expression: Any
    read: Callable[[Any], Any]
    kind: type  # datetime, int, str or bool
    descending: bool = False
    nullable: bool = False  # then a preceding key must be `expression IS NULL` (nulls sort as one group)


@dataclass
class KeysetPage:
    items: list
    has_next: bool
    has_prev: bool
    next_cursor: str | None
    prev_cursor: str | None
    total: int | None
    after_arg: str = "after"
    before_arg: str = "before"

    @property
    def next_args(self) -> dict[str, str]:
        return {self.after_arg: self.next_cursor}

    @property
    def prev_args(self) -> dict[str, str]:
        return {self.before_arg: self.prev_cursor}


def _refuse() -> None:
    heading = _l("This page link is damaged")
    message = _l("The link to the next or previous page was changed or cut. Start again from the first page.")
    abort(make_response(render_template("errors/error.html", code=400, heading=heading, message=message), 400))


def encode(values: Sequence[Any]) -> str:
    plain = [value.isoformat() if isinstance(value, datetime) else value for value in values]
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def _value(raw: Any, key: Key) -> Any:
    if raw is None and key.nullable:
        return None
    if key.kind is datetime and isinstance(raw, str) and len(raw) <= 40:
        parsed = datetime.fromisoformat(raw)
        if parsed.tzinfo is None:
            raise ValueError(raw)
        return parsed
    if key.kind is int and type(raw) is int and -2**63 <= raw < 2**63:
        return raw
    if key.kind is bool and type(raw) is bool:
        return raw
    if key.kind is str and isinstance(raw, str) and len(raw) <= 255 and "\x00" not in raw:
        return raw
    raise ValueError(raw)


def decode(cursor: str, keys: Sequence[Key]) -> list[Any]:
    """The key values of a cursor from the query string; 400 if it is not one of ours."""
    try:
        if len(cursor) > MAX_CURSOR:
            raise ValueError("too long")
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(keys):
            raise ValueError("shape")
        return [_value(item, key) for item, key in zip(raw, keys)]
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, RecursionError):
        _refuse()
        raise  # unreachable: abort raised


def _beyond(keys: Sequence[Key], values: Sequence[Any], forward: bool):
    """SQL for "after `values` in the list order" (forward) or "before them"."""
    # SQLAlchemy reads a bare True/False as IS TRUE/IS FALSE, which cannot be ordered: bind it.
    values = [literal(v, Boolean()) if isinstance(v, bool) else v for v in values]
    def later(key: Key, value: Any):
        return key.expression > value if key.descending != forward else key.expression < value

    plain = len({key.descending for key in keys}) == 1 and not any(key.nullable for key in keys)
    if plain:
        # One row-value comparison: PostgreSQL uses it as the index condition itself.
        row, at = tuple_(*(key.expression for key in keys)), tuple_(*values)
        return row > at if keys[0].descending != forward else row < at
    terms = []
    for i, (key, value) in enumerate(zip(keys, values)):
        if value is None:
            continue  # nothing sorts after NULL inside its group (the IS NULL key before it splits them)
        equal = [k.expression.is_(None) if v is None else k.expression == v for k, v in zip(keys[:i], values[:i])]
        terms.append(and_(*equal, later(key, value)))
    first = keys[0]
    # The leading column's bound, repeated, lets the index start its scan at the cursor.
    leading = (first.expression >= values[0] if first.descending != forward else first.expression <= values[0])
    return and_(leading, or_(*terms)) if values[0] is not None else or_(*terms)


def _ordered(query: Select, keys: Sequence[Key], forward: bool) -> Select:
    order = [key.expression.desc() if key.descending == forward else key.expression.asc() for key in keys]
    return query.order_by(None).order_by(*order)


def keyset_page(query: Select, keys: Sequence[Key], per_page: int, args: Mapping, *, count: bool = True,
                prefix: str = "", total: int | None = None) -> KeysetPage:
    """The page of `query` the query string asks for (`after=` or `before=` a cursor), sorted by `keys`.

    `count` adds one COUNT of the whole filtered list (leave it off for the journal, which
    only grows), unless the caller knows the `total` without counting (the counts the database
    keeps per state); `prefix` names the arguments when a page holds several lists.
    """
    after_arg, before_arg = f"{prefix}after", f"{prefix}before"
    after, before = args.get(after_arg), args.get(before_arg)
    if total is None and count:
        total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    forward = before is None or after is not None
    cursor = after if forward else before
    listed = query
    if cursor is not None:
        listed = listed.where(_beyond(keys, decode(cursor, keys), forward))
    rows = list(db.session.scalars(_ordered(listed, keys, forward).limit(per_page + 1)).unique())
    more = len(rows) > per_page
    rows = rows[:per_page]
    if not forward:
        rows.reverse()
    has_next, has_prev = (more, cursor is not None) if forward else (True, more)
    return KeysetPage(
        items=rows, has_next=has_next and bool(rows), has_prev=has_prev and bool(rows),
        next_cursor=encode([key.read(rows[-1]) for key in keys]) if rows else None,
        prev_cursor=encode([key.read(rows[0]) for key in keys]) if rows else None,
        total=total, after_arg=after_arg, before_arg=before_arg)
