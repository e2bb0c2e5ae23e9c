"""Title versions: blocks of an old title that count toward its successor.

The register says which fiches replace which (ANCIENNES/NOUVELLES_CERTIFICATIONS);
an admin confirms, block by block, which old block stands for which new one. Only
confirmed `BlockEquivalence` rows count.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from sqlalchemy import select

from vae.core.audit import record
from vae.core.clock import now
from vae.extensions import db
from vae.models import Block, BlockEquivalence, Title, User
from vae.models.queries import equivalent_block_ids  # noqa: F401  (moved below the workflows, for vae.awards)


def normalized_label(label: str) -> str:
    """Case, accents and spacing ignored: 'Accompagner la personne' = 'accompagner  la  personne'."""
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def propose_for_titles(rncp_codes: Iterable[str],
                       correspondences: Iterable[tuple[str, str]] = ()) -> int:
    """Propose (unconfirmed) equivalences between the named titles and their versions. Returns how many are new."""
    proposed = 0
    for old_code, new_code in correspondences:
        old, new = _block(old_code), _block(new_code)
        if old is not None and new is not None:
            proposed += _propose(old, new, "register")
    for code in set(rncp_codes):
        title = db.session.scalar(select(Title).where(Title.rncp_code == code))
        if title is None:
            continue
        for older in _titles(title.older_codes):
            proposed += _propose_by_label(older, title)
        for newer in _titles(title.newer_codes):
            proposed += _propose_by_label(title, newer)
    db.session.flush()
    return proposed


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


def _propose_by_label(older: Title, newer: Title) -> int:
    new_by_label = {normalized_label(b.label): b for b in newer.blocks}
    return sum(_propose(old, new_by_label[normalized_label(old.label)], "label")
               for old in older.blocks if normalized_label(old.label) in new_by_label)


def _propose(old: Block, new: Block, origin: str) -> int:
    if old.id == new.id or db.session.scalar(select(BlockEquivalence.id).where(
            BlockEquivalence.old_block_id == old.id, BlockEquivalence.new_block_id == new.id)):
        return 0
    db.session.add(BlockEquivalence(old_block_id=old.id, new_block_id=new.id, proposed_by=origin))
    return 1


def _block(code: str) -> Block | None:
    return db.session.scalar(select(Block).where(Block.code == code))


def _titles(codes: list[str]) -> list[Title]:
    if not codes:
        return []
    return list(db.session.scalars(select(Title).where(Title.rncp_code.in_(codes))))
