"""Catalogue word search: full-text on the database's own engine, never LIKE '%word%'.

PostgreSQL: the GIN expression indexes and the vae_fts_* functions of migration 0005_fts.
SQLite: the FTS5 table title_fts kept in sync by that migration's triggers.
Every word is a prefix ("aide domic" finds "Aide à domicile"), accents are ignored both
ways, and a word that looks like an RNCP code ("RNCP37780", "37780") matches the code.
With `competences=True` (the API) a word may also be in one of the title's current
competences (migration 0010_competencefts indexes them).
"""
from __future__ import annotations

import re

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, literal, or_, select, text, true, union

from vae.extensions import db
from vae.models import Block, Competence, Title

MAX_WORDS = 8
_CODE = re.compile(r"^(?:rncp)?(\d+)$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")  # letters and digits only: nothing reaches the query syntax


def title_matches(words: str, competences: bool = False) -> ColumnElement[bool]:
    """A condition on Title: every word is in its label, certifier or one of its blocks (or, with
    `competences`, one of its current competences), or is its code."""
    conditions = []
    for word in _WORD.findall(words or "")[:MAX_WORDS]:
        code = _CODE.match(word)
        text_match = _word_matches(word.lower(), competences)
        conditions.append(or_(Title.rncp_code.like(f"RNCP{code.group(1)}%"), text_match) if code else text_match)
    return and_(true(), *conditions)


def _word_matches(word: str, competences: bool) -> ColumnElement[bool]:
    if db.session.get_bind().dialect.name == "postgresql":
        query = func.vae_fts_prefix(literal(word))
        # A UNION of index scans: an OR of the title's match and a block subquery would make
        # the planner filter every title row instead of reading ix_title_fts.
        in_titles = select(Title.id).where(func.vae_fts_document(Title.label, Title.certifier_name).op("@@")(query))
        in_blocks = select(Block.title_id).where(func.vae_fts_document(Block.label, None).op("@@")(query))
        found = [in_titles, in_blocks]
        if competences:
            words = func.vae_fts_words(Competence.label).op("@@")(func.vae_fts_word_prefix(literal(word)))
            found.append(_titles_of_competences(words))
        return Title.id.in_(union(*found))
    # FTS5: a quoted token followed by * is a prefix query; the token holds letters/digits only.
    prefix = f'"{word}"*'
    in_titles = _fts5_rowids("title_fts", prefix)
    if not competences:
        return Title.id.in_(in_titles)
    in_competences = _titles_of_competences(Competence.id.in_(_fts5_rowids("competence_fts", prefix)))
    return Title.id.in_(union(in_titles, in_competences))


def _fts5_rowids(table: str, prefix: str) -> Select:
    return select(text("rowid")).select_from(text(table)).where(
        text(f"{table} MATCH :fts_query").bindparams(bindparam("fts_query", prefix, unique=True)))


def _titles_of_competences(matching: ColumnElement[bool]) -> Select:
    """The titles of the current competences that match: a retired one is not offered any more."""
    return select(Block.title_id).join(Competence, Competence.block_id == Block.id).where(
        matching, Competence.retired_at.is_(None))
