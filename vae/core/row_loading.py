"""What a case list's rows read of the case's title, people and blocks: those columns only.

The queues join title and people to the page's own statement (one row per case). Loading
whole rows sent every column of three tables for 20–50 cases, password hashes and the
title's JSON fields included; at 100k cases on PostgreSQL the admissibility page's statement
took 6.0–6.5 ms that way and 4.0–4.2 ms with the shown columns only. A column left out is
still read if a page asks for it (one more query, which the statement-count tests would show).
"""
from __future__ import annotations

from sqlalchemy.orm import joinedload

from vae.models import Block, Case, CaseBlock, Title, User

TITLE_COLUMNS = (Title.rncp_code, Title.label)
NAME_COLUMNS = (User.first_name, User.last_name)
BLOCK_COLUMNS = (Block.code, Block.label)


def case_title():
    return joinedload(Case.title, innerjoin=True).load_only(*TITLE_COLUMNS)


def case_person(relationship, *, innerjoin: bool = True):
    """A person shown by name (the candidate, the mentor): neither their other columns nor their roles."""
    return joinedload(relationship, innerjoin=innerjoin).load_only(*NAME_COLUMNS).lazyload(User.role_rows)


def block_of(case_blocks_loader):
    """`…(Case.blocks)` followed by each case block's block, code and label only."""
    return case_blocks_loader.joinedload(CaseBlock.block, innerjoin=True).load_only(*BLOCK_COLUMNS)
