"""Writing checked register fiches into the catalogue, a batch at a time.

New titles are bulk-inserted through Core tables (no ORM objects: one INSERT … RETURNING
for the titles of a batch, one for their blocks, one for their competences); titles whose fiche changed are loaded
together and updated through the ORM (changes are rare between two register exports).
Nothing here flushes per fiche or commits: the caller flushes once per batch and owns
the transaction. The checks (block codes owned elsewhere…) are done before, in
`rncp_import`.
"""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import exists, insert, select
from sqlalchemy.orm import selectinload

from vae.catalog.rncp_xml import BlockEntry, Fiche
from vae.core.clock import now
from vae.extensions import db
from vae.models import Block, Competence, Evidence, Score, Title

SOURCE = "rncp"


def insert_new_titles(fiches: Sequence[tuple[Fiche, str]]) -> None:
    """Create titles (with their blocks and competences) that the catalogue does not know yet."""
    if not fiches:
        return
    moment = now()
    title_ids = dict(db.session.execute(
        insert(Title.__table__).returning(Title.rncp_code, Title.id),
        [{**_title_columns(fiche, digest), "rncp_code": fiche.rncp_code,
          "created_at": moment, "updated_at": moment} for fiche, digest in fiches]).all())
    block_rows = [{**_block_columns(entry, position), "code": entry.code, "title_id": title_ids[fiche.rncp_code]}
                  for fiche, _digest in fiches for position, entry in enumerate(fiche.blocks, start=1)]
    if not block_rows:
        return
    block_ids = dict(db.session.execute(insert(Block.__table__).returning(Block.code, Block.id), block_rows).all())
    competence_rows = [{"block_id": block_ids[entry.code], "position": index, "label": label}
                       for fiche, _digest in fiches for entry in fiche.blocks
                       for index, label in enumerate(entry.competences, start=1)]
    if competence_rows:
        db.session.execute(insert(Competence.__table__), competence_rows)


def update_changed_titles(fiches: Sequence[tuple[Fiche, str]]) -> None:
    """Bring known titles in line with their changed fiche (blocks that left the register are kept)."""
    if not fiches:
        return
    titles = {title.rncp_code: title for title in db.session.scalars(
        select(Title).where(Title.rncp_code.in_([fiche.rncp_code for fiche, _ in fiches]))
        .options(selectinload(Title.blocks).selectinload(Block.competences)))}
    for fiche, digest in fiches:
        title = titles[fiche.rncp_code]
        for name, value in _title_columns(fiche, digest).items():
            setattr(title, name, value)
        existing = {block.code: block for block in title.blocks}
        for position, entry in enumerate(fiche.blocks, start=1):
            block = existing.get(entry.code)
            if block is None:
                block = Block(code=entry.code)
                title.blocks.append(block)
            for name, value in _block_columns(entry, position).items():
                setattr(block, name, value)
            _update_competences(block, entry)
        # Blocks that left the register are kept: candidates may hold them (awards, cases).


def _title_columns(fiche: Fiche, digest: str) -> dict:
    return {"label": fiche.label, "eqf_level": fiche.eqf_level, "active": fiche.active,
            "certifier_name": fiche.certifier_name, "end_date": fiche.end_date,
            "assessment_modalities": fiche.assessment_modalities,
            "older_codes": list(fiche.older_codes), "newer_codes": list(fiche.newer_codes),
            "source": SOURCE, "source_digest": digest}


def _block_columns(entry: BlockEntry, position: int) -> dict:
    return {"label": entry.label, "position": position, "assessment_modalities": entry.assessment_modalities}


def _update_competences(block: Block, entry: BlockEntry) -> None:
    current = list(block.competences)
    for index, label in enumerate(entry.competences, start=1):
        if index <= len(current):
            current[index - 1].label = label
        else:
            block.competences.append(Competence(position=index, label=label))
    for surplus in current[len(entry.competences):]:
        if _competence_in_use(surplus):
            continue  # evidence or scores point at it: the history must stay readable
        block.competences.remove(surplus)


def _competence_in_use(competence: Competence) -> bool:
    if competence.id is None:
        return False
    return bool(db.session.scalar(select(
        exists().where(Evidence.competence_id == competence.id)
        | exists().where(Score.competence_id == competence.id))))
