"""Finding forms in a page, and a fingerprint of the whole database to prove nothing changed."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser

from sqlalchemy import select

NOT_INPUT_TYPES = {"submit", "button", "reset", "image", "file"}  # hidden fields are input too


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)  # name -> default value
    kinds: dict[str, str] = field(default_factory=dict)   # name -> input type / select / textarea

    @property
    def inputs(self) -> list[str]:
        return [n for n, kind in self.kinds.items() if kind not in NOT_INPUT_TYPES and n != "csrf_token"]


class FormFinder(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._current: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._current = Form(action=a.get("action") or self.page_url, method=(a.get("method") or "get").upper())
            self.forms.append(self._current)
        elif self._current is None or not a.get("name"):
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                self._current.kinds.setdefault(a["name"], kind)
                return
            self._current.fields[a["name"]] = a.get("value", "")
            self._current.kinds[a["name"]] = kind
        elif tag == "textarea":
            self._current.fields.setdefault(a["name"], "")
            self._current.kinds[a["name"]] = "textarea"
        elif tag == "select":
            self._select = a["name"]
            self._current.kinds[a["name"]] = "select"
        elif tag == "option" and self._select and self._select not in self._current.fields:
            self._current.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def forms_in(html: str, page_url: str) -> list[Form]:
    finder = FormFinder(page_url)
    finder.feed(html)
    return finder.forms


def database_fingerprint(db, ignore: tuple[str, ...] = ()) -> str:
    """A hash of every row of every table (but `ignore`d ones), in primary-key order."""
    digest = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        if table.name in ignore:
            continue
        rows = db.session.execute(select(table).order_by(*table.primary_key.columns)).all()
        digest.update(f"{table.name}:{len(rows)}:{rows!r}".encode())
    return digest.hexdigest()
