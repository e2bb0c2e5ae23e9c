"""Splitting a register's LISTE_COMPETENCES into competences, one per item.

The real export flattens an HTML list into one line: items are separated by runs of
two or more spaces (FORMAT.md). An item may start with a marker (`-`, `*`, `•`…), which
is dropped, or with its own code (`A1C1.`, `C.1.`, `C1.2.`, `1.1`, `1.1.1`), which is
kept. Older samples used `<li>` items, `<br>` or new lines: still read.

Hierarchical codes (`1.1` then `1.1.1`) are *flattened*: every item is a competence
of the block (a parent is an outcome the jury scores too), and a child carries its
parent's text as `context`, shown before it, so "Renseigner la fiche de suivi" reads
under "Rendre compte de son intervention". We chose this over a tree because the
candidate documents and the jury scores a flat list of competences everywhere else.
"""
from __future__ import annotations

import html
import re
from functools import partial
from operator import itemgetter, methodcaller
from typing import NamedTuple

_TAG = re.compile(r"<[^>]+>")
_LIST_ITEM = re.compile(r"<li[^>]*>(.*?)</li\s*>", re.IGNORECASE | re.DOTALL)
_LINE_BREAK = re.compile(r"<br\s*/?>|</p>|\n", re.IGNORECASE)
_ITEM_SEPARATOR = re.compile(r"\s{2,}")
# A bullet, or list numbering such as "3)" / "3." (numbering, not a register code).
MARKERS = "-*•·▪–—◦"
_M = re.escape(MARKERS)
# One pass per item: an optional marker, an optional register code — letters and digits
# ("A1C1.", "C1.2.", "C.1.") or dotted numbers ("1.1", "1.1.1") — then the words.
_ITEM = re.compile(
    rf"\s*(?:[{_M}]+|\d{{1,2}}[.)](?=\s))?\s*"
    r"(?:(?P<code>[A-Z]{1,3}\.?\d+(?:\.?[A-Z]{0,3}\d+)*|\d+(?:\.\d+)+)\.?(?=\s|[^\W\d_]|$))?"
    # `context` never takes part in a match: `groups()` gives it as None, so a match's groups are
    # the item itself (code, label, context), built without a line of Python per item.
    rf"[\s{_M}:]*(?P<label>.*)(?P<context>(?!))?", re.DOTALL)
# In a list whose only white space is the plain space, "two or more white space characters" is
# "two or more spaces": a literal the regex engine finds fast (`\s{2,}` tests every character).
_SPACE_SEPARATOR = re.compile("  +")
_SPACES = re.compile(r"\s+")


class CompetenceItem(NamedTuple):
    code: str | None
    label: str
    context: str | None = None  # the parent item's label, for hierarchical codes

    @property
    def key(self) -> str:
        """What identifies the competence across imports: its code, else its words."""
        return competence_key(self.code, self.label)


def competence_key(code: str | None, label: str) -> str:
    return f"code:{code}" if code else "label:" + " ".join(label.casefold().split())


def split_competences(text: str | None) -> list[CompetenceItem]:
    """One item per competence, in the register's order; empty fragments dropped."""
    if not text:
        return []
    if text.isprintable() and "<" not in text and "&" not in text and text[-1] != " ":
        # The register's own shape (about 480,000 items for the whole register): one line, plain
        # spaces (every other white space character, new lines and tabs included, is not
        # printable), none at the end (it would end the last label). Each item is one C-level
        # match whose groups are the item: no Python runs per item. `_split_fragments` reads
        # these lists the same (tests/catalog/test_competence_list_fast_path.py compares them).
        items = list(filter(_label, _items(map(_groups, map(_ITEM.match, _SPACE_SEPARATOR.split(text))))))
        codes = set(filter(None, map(_code, items)))
        if not codes:
            return items
        if max(map(len, codes)) > _CODE_LENGTH:
            return _split_fragments(text)  # a code to cut: the long way
        # A context only if some code's parent ("1.1" of "1.1.1") is a code of the list.
        return items if codes.isdisjoint(map(_code, map(_parent, codes))) else _with_context(items)
    return _split_fragments(text)


def _split_fragments(text: str) -> list[CompetenceItem]:
    """Any list: HTML items, line breaks, tabs or other white space, entities, long codes."""
    fragments = (_LIST_ITEM.findall(text) or _LINE_BREAK.split(text)) if "<" in text or "\n" in text else (text,)
    items: list[CompetenceItem] = []
    hierarchical = False
    for fragment in fragments:
        if "<" in fragment:
            fragment = _TAG.sub("  ", fragment)
        if "&" in fragment:  # the older samples escaped their HTML twice
            fragment = html.unescape(fragment)
        for found in map(_ITEM.match, _ITEM_SEPARATOR.split(fragment)):
            code, label = found.group("code", "label")
            label = label.rstrip()
            if not label:
                continue  # "-" alone, "A1C1." without words: nothing to document
            if "\n" in label or "\t" in label:
                label = _SPACES.sub(" ", label)
            if code:
                code = code[:_CODE_LENGTH]
                hierarchical = hierarchical or "." in code
            items.append(_item(CompetenceItem, (code or None, label, None)))
    return _with_context(items) if hierarchical else items


_CODE_LENGTH = 30  # Competence.code's column
_item = tuple.__new__
_items = partial(map, partial(_item, CompetenceItem))  # match groups → CompetenceItem, in C
_groups = methodcaller("groups")
_code, _label = itemgetter(0), itemgetter(1)
_parent = methodcaller("rpartition", ".")  # ("1.1", ".", "1") for "1.1.1"


def _with_context(items: list[CompetenceItem]) -> list[CompetenceItem]:
    """A child code ("1.1.1") gets the label of the nearest earlier parent ("1.1") as context."""
    by_code: dict[str, str] = {}
    result = []
    for item in items:
        context = None
        if item.code and "." in item.code:
            parent = item.code.rsplit(".", 1)[0]
            context = by_code.get(parent)
        if item.code:
            by_code[item.code] = item.label
        result.append(CompetenceItem(item.code, item.label, context) if context else item)
    return result
