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

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import selectinload

from vae.catalog.competence_list import competence_key
from vae.catalog.rncp_xml import BlockEntry, Fiche
from vae.core.clock import now
from vae.extensions import db
from vae.models import Block, Competence, RegisterLink, Title

SOURCE = "rncp"


def insert_new_titles(fiches: Sequence[tuple[Fiche, str]]) -> None:
    """Create titles (with their blocks and competences) that the catalogue does not know yet."""
    if not fiches:
        return
    write_links(fiches)
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
    insert_rows(Competence.__table__, ("block_id", "position", "code", "label", "context"), [
        (block_ids[entry.code], index, item.code, item.label, item.context)
        for fiche, _digest in fiches for entry in fiche.blocks
        for index, item in enumerate(entry.competences, start=1)])


def update_changed_titles(fiches: Sequence[tuple[Fiche, str]]) -> None:
    """Bring known titles in line with their changed fiche (blocks that left the register are kept)."""
    if not fiches:
        return
    db.session.execute(delete(RegisterLink).where(RegisterLink.stated_by.in_([f.rncp_code for f, _ in fiches])))
    write_links(fiches)
    titles = {title.rncp_code: title for title in db.session.scalars(
        select(Title).where(Title.rncp_code.in_([fiche.rncp_code for fiche, _ in fiches]))
        .options(selectinload(Title.blocks).selectinload(Block.all_competences)))}
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


def write_links(fiches: Sequence[tuple[Fiche, str]]) -> None:
    """Store what each fiche says about versions and correspondences (resolved after the import)."""
    insert_rows(RegisterLink.__table__, ("stated_by", "kind", "old_title", "old_block", "new_title", "new_block"),
                [(fiche.rncp_code, link.kind, *link[:4]) for fiche, _digest in fiches for link in fiche.links])


def insert_rows(table, columns: Sequence[str], rows: list[tuple]) -> None:
    """Many plain rows at once, without SQLAlchemy's per-row parameter processing (which took
    most of the import's time for the ~25 competences of each real fiche): `COPY … FROM STDIN`
    on PostgreSQL (several times faster than an executemany of INSERTs there), one driver
    `executemany` elsewhere. Only for columns of plain types (strings, integers, NULL)."""
    if not rows:
        return
    connection = db.session.connection()
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(column) for column in columns)
    if connection.dialect.name == "postgresql":
        with connection.connection.driver_connection.cursor() as cursor:
            with cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    connection.exec_driver_sql(
        f"INSERT INTO {quote(table.name)} ({names}) VALUES ({', '.join([mark] * len(columns))})", rows)


def _title_columns(fiche: Fiche, digest: str) -> dict:
    return {"label": fiche.label, "eqf_level": fiche.eqf_level, "active": fiche.active,
            "certifier_name": fiche.certifier_name, "end_date": fiche.end_date,
            "assessment_modalities": fiche.assessment_modalities,
            "older_codes": list(fiche.older_codes), "newer_codes": list(fiche.newer_codes),
            "register": fiche.register, "vae_open": fiche.vae_open,
            "vae_jury_composition": fiche.vae_jury_composition,
            "source": SOURCE, "source_digest": digest}


def _block_columns(entry: BlockEntry, position: int) -> dict:
    return {"label": entry.label, "position": position, "assessment_modalities": entry.assessment_modalities}


def _update_competences(block: Block, entry: BlockEntry) -> None:
    """Match the register's items to the block's competences by code, else by words.

    A matched competence takes the new wording and position (and comes back if it had
    been retired); an item never seen is added; a competence the register no longer
    lists is retired, never deleted: evidence, self-assessments and scores of old
    dossiers point at it, and their pages must still read it.
    """
    existing = {competence_key(competence.code, competence.label): competence for competence in block.all_competences}
    for index, item in enumerate(entry.competences, start=1):
        competence = existing.pop(item.key, None)
        if competence is None:
            competence = Competence()
            block.all_competences.append(competence)
        competence.position, competence.code = index, item.code
        competence.label, competence.context, competence.retired_at = item.label, item.context, None
    moment = now()
    for competence in existing.values():
        if competence.retired_at is None:
            competence.retired_at = moment

