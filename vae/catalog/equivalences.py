"""Title versions: blocks of an old title that count toward its successor.

The register says which fiches replace which (ANCIENNES/NOUVELLES_CERTIFICATIONS) and
which blocks correspond, across versions and across different titles (CORRESPONDANCES);
these become proposals that an admin confirms or rejects, block by block. An admin may
also declare one the register does not list. Only confirmed `BlockEquivalence` rows count.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from sqlalchemy import or_, select

from vae.catalog.rncp_write import SOURCE, insert_rows
from vae.catalog.sql_lists import one_of
from vae.catalog.rncp_xml import Link
from vae.core.audit import record
from vae.core.clock import now
from vae.extensions import db
from vae.models import Block, BlockEquivalence, RegisterLink, Title, User
from vae.models.queries import equivalent_block_ids  # noqa: F401  (moved below the workflows, for vae.awards)


def normalized_label(label: str) -> str:
    """Case, accents and spacing ignored: 'Accompagner la personne' = 'accompagner  la  personne'."""
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    # French accents decompose into the combining marks U+0300–U+036F: one C-level pass
    # (every block of every linked title is normalized, batch after batch). Anything else
    # left outside ASCII takes the general path, so the result is the same.
    stripped = decomposed.translate(_COMBINING_DIACRITICS)
    if not stripped.isascii():
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())


_COMBINING_DIACRITICS = dict.fromkeys(code for code in range(0x300, 0x370) if unicodedata.combining(chr(code)))


def propose_for_titles(rncp_codes: Iterable[str]) -> int:
    """Propose (unconfirmed) equivalences for everything the register links to these titles.

    Reads the stored `RegisterLink` rows on either side of each title (so a link whose other
    side arrived in an earlier, or arrives in a later, import is resolved as soon as both
    titles are known) and the titles' own version lists. Works a chunk of titles at a time
    with a fixed number of queries per chunk. Returns how many proposals are new.
    """
    codes = sorted(set(rncp_codes))
    proposed = 0
    for start in range(0, len(codes), CHUNK):
        chunk = codes[start:start + CHUNK]
        links = [Link(*row) for row in db.session.execute(select(
            RegisterLink.old_title, RegisterLink.old_block, RegisterLink.new_title, RegisterLink.new_block,
            RegisterLink.kind).where(or_(one_of(RegisterLink.old_title, chunk), one_of(RegisterLink.new_title, chunk))))]
        # Titles entered by hand name their versions only in their own lists (imported ones have links).
        for code, older, newer in db.session.execute(
                select(Title.rncp_code, Title.older_codes, Title.newer_codes)
                .where(one_of(Title.rncp_code, chunk), Title.source != SOURCE)):
            links += [Link(old, None, code, None, "version") for old in older or ()]
            links += [Link(code, None, new, None, "version") for new in newer or ()]
        proposed += _propose_links(links)
    db.session.flush()
    return proposed


CHUNK = 500


def _propose_links(links: list[Link]) -> int:
    """Turn links whose two sides are in the catalogue into new proposals, in one insert."""
    if not links:
        return 0
    title_codes = {c for link in links for c in (link.old_title, link.new_title) if c}
    block_codes = {c for link in links for c in (link.old_block, link.new_block) if c}
    columns = (Block.id, Block.code, Block.label, Title.rncp_code)
    rows = db.session.execute(select(*columns).join(Title).where(one_of(Title.rncp_code, title_codes))).all()
    # Blocks named without their title (the older hand-made shape): looked up by code. Two
    # queries, not one with OR, which would scan every block once per batch.
    loose = block_codes - {row.code for row in rows}
    if loose:
        rows += db.session.execute(select(*columns).join(Title).where(one_of(Block.code, loose))).all()
    by_code = {row.code: row for row in rows}
    labels = {row.id: normalized_label(row.label) for row in rows}  # once per block, not per pair
    by_title: dict[str, list] = {}
    for row in rows:
        by_title.setdefault(row.rncp_code, []).append(row)
    wanted: dict[tuple[int, int], str] = {}
    for link in links:
        for pair, origin in _pairs(link, by_code, by_title, labels):
            if pair[0] != pair[1]:
                wanted.setdefault(pair, origin)
    if not wanted:
        return 0
    # The equivalences these old blocks already have, filtered here: a condition on both
    # columns made SQLite probe its (old, new) index once per PAIR of listed ids (2,000 ids:
    # 4 million probes, 0.6 s a batch); one column is one probe per id.
    known = {tuple(row) for row in db.session.execute(
        select(BlockEquivalence.old_block_id, BlockEquivalence.new_block_id)
        .where(one_of(BlockEquivalence.old_block_id, {old for old, _new in wanted})))}
    new_rows = [(old, new, origin) for (old, new), origin in wanted.items() if (old, new) not in known]
    insert_rows(BlockEquivalence.__table__, ("old_block_id", "new_block_id", "proposed_by"), new_rows)
    return len(new_rows)


def _pairs(link: Link, by_code: dict, by_title: dict, labels: dict[int, str]):
    """(old block id, new block id) pairs a link stands for; none while a side is missing."""
    old = by_code.get(link.old_block) if link.old_block else None
    new = by_code.get(link.new_block) if link.new_block else None
    if link.old_block and link.new_block:
        if old is not None and new is not None:
            yield (old.id, new.id), "register"
        return
    # A block toward a whole title, or title toward title: blocks of the same label.
    olds = [old] if link.old_block else by_title.get(link.old_title, ())
    news = [new] if link.new_block else by_title.get(link.new_title, ())
    if any(block is None for block in olds) or any(block is None for block in news):  # `None in` compares rows
        return
    new_by_label = {labels[b.id]: b for b in news}
    for a in olds:
        b = new_by_label.get(labels[a.id])
        if b is not None:
            yield (a.id, b.id), "label"


def declare_equivalence(old_block: Block, new_block: Block, actor: User) -> BlockEquivalence:
    """An equivalence the register does not list (e.g. blocks shared by sibling titles), confirmed at once."""
    if old_block.id == new_block.id:
        raise ValueError("same block")
    equivalence = db.session.scalar(select(BlockEquivalence).where(
        BlockEquivalence.old_block_id == old_block.id, BlockEquivalence.new_block_id == new_block.id))
    if equivalence is None:
        equivalence = BlockEquivalence(old_block_id=old_block.id, new_block_id=new_block.id, proposed_by="admin")
        db.session.add(equivalence)
        db.session.flush()
    if equivalence.confirmed_at is None:
        equivalence.confirmed_by_id = actor.id
        equivalence.confirmed_at = now()
        record(actor, "block_equivalence", equivalence.id, "equivalence_declared",
               data={"old_block": old_block.code, "new_block": new_block.code})
    db.session.flush()
    return equivalence


def confirm_equivalence(equivalence: BlockEquivalence, actor: User) -> None:
    equivalence.confirmed_by_id = actor.id
    equivalence.confirmed_at = now()
    record(actor, "block_equivalence", equivalence.id, "equivalence_confirmed",
           data={"old_block": equivalence.old_block.code, "new_block": equivalence.new_block.code})
    db.session.flush()


def reject_equivalence(equivalence: BlockEquivalence, actor: User) -> None:
    """Removes a proposal (or withdraws a confirmation); the journal keeps what it was."""
    record(actor, "block_equivalence", equivalence.id, "equivalence_rejected",
           data={"old_block": equivalence.old_block.code, "new_block": equivalence.new_block.code,
                 "was_confirmed": equivalence.confirmed_at is not None})
    db.session.delete(equivalence)
    db.session.flush()


def pending_equivalences(limit: int = 200) -> list[BlockEquivalence]:
    return list(db.session.scalars(
        select(BlockEquivalence).where(BlockEquivalence.confirmed_at.is_(None))
        .order_by(BlockEquivalence.id).limit(limit)))


def confirmed_equivalences(limit: int = 200) -> list[BlockEquivalence]:
    return list(db.session.scalars(
        select(BlockEquivalence).where(BlockEquivalence.confirmed_at.is_not(None))
        .order_by(BlockEquivalence.confirmed_at.desc()).limit(limit)))
