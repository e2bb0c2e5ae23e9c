"""Catalogue word search: full-text on the database's own engine, never LIKE '%word%'.

PostgreSQL: the GIN expression indexes and the vae_fts_* functions of migration 0005_fts.
SQLite: the FTS5 table title_fts kept in sync by that migration's triggers.
Every word is a prefix ("aide domic" finds "Aide à domicile"), accents are ignored both
ways, and a word that looks like an RNCP code ("RNCP37780", "37780") matches the code.
"""
from __future__ import annotations

import re

from sqlalchemy import ColumnElement, and_, bindparam, func, literal, or_, select, text, true, union

from vae.extensions import db
from vae.models import Block, Title

MAX_WORDS = 8
_CODE = re.compile(r"^(?:rncp)?(\d+)$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")  # letters and digits only: nothing reaches the query syntax


def title_matches(words: str) -> ColumnElement[bool]:
    """A condition on Title: every word is in its label, certifier or one of its blocks, or is its code."""
    conditions = []
    for word in _WORD.findall(words or "")[:MAX_WORDS]:
        code = _CODE.match(word)
        text_match = _word_matches(word.lower())
        conditions.append(or_(Title.rncp_code.like(f"RNCP{code.group(1)}%"), text_match) if code else text_match)
    return and_(true(), *conditions)


def _word_matches(word: str) -> ColumnElement[bool]:
    if db.session.get_bind().dialect.name == "postgresql":
        query = func.vae_fts_prefix(literal(word))
        # A UNION of two index scans: an OR of the title's match and a block subquery would make
        # the planner filter every title row instead of reading ix_title_fts.
        in_titles = select(Title.id).where(func.vae_fts_document(Title.label, Title.certifier_name).op("@@")(query))
        in_blocks = select(Block.title_id).where(func.vae_fts_document(Block.label, None).op("@@")(query))
        return Title.id.in_(union(in_titles, in_blocks))
    # FTS5: a quoted token followed by * is a prefix query; the token holds letters/digits only.
    matching = select(text("rowid")).select_from(text("title_fts")).where(
        text("title_fts MATCH :fts_query").bindparams(bindparam("fts_query", f'"{word}"*', unique=True)))
    return Title.id.in_(matching)
