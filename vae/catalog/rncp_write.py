"""Writing checked register fiches into the catalogue, a batch at a time.

New titles are bulk-inserted through Core tables (no ORM objects: one `COPY` on PostgreSQL,
one driver `executemany` elsewhere, for the titles of a batch, one for their blocks, one for
their competences; the ids of new titles and blocks read back in one query each); titles whose fiche changed are loaded
together and updated through the ORM (changes are rare between two register exports).
Nothing here flushes per fiche or commits: the caller flushes once per batch and owns
the transaction. The checks (block codes owned elsewhere…) are done before, in
`rncp_import`.
"""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import JSON, Boolean, delete, select
from sqlalchemy.orm import selectinload

from vae.catalog.competence_list import competence_key
from vae.catalog.rncp_xml import BlockEntry, Fiche
from vae.catalog.sql_lists import one_of
from vae.core.clock import now
from vae.extensions import db
from vae.models import Block, Competence, RegisterLink, Title

SOURCE = "rncp"
# The model's defaults for the interview length, written explicitly by `insert_rows`.
_INTERVIEW_DEFAULTS = tuple(Title.__table__.c[name].default.arg for name in (
    "interview_base_minutes", "interview_per_block_minutes", "interview_max_minutes"))


def insert_new_titles(fiches: Sequence[tuple[Fiche, str]]) -> None:
    """Create titles (with their blocks and competences) that the catalogue does not know yet."""
    if not fiches:
        return
    write_links(fiches)
    moment = now()
    title_columns = (*TITLE_COLUMNS, "rncp_code", "created_at", "updated_at")
    insert_rows(Title.__table__, title_columns, [
        (*_title_values(fiche, digest), fiche.rncp_code, moment, moment) for fiche, digest in fiches])
    title_ids = ids_by(Title.__table__, "rncp_code", "rncp_code", [fiche.rncp_code for fiche, _ in fiches])
    insert_rows(Block.__table__, ("title_id", "code", "label", "position", "required", "assessment_modalities"), [
        (title_ids[fiche.rncp_code], entry.code, entry.label, position, True, entry.assessment_modalities)
        for fiche, _digest in fiches for position, entry in enumerate(fiche.blocks, start=1)])
    block_ids = ids_by(Block.__table__, "code", "title_id", list(title_ids.values()))
    insert_rows(Competence.__table__, ("block_id", "position", "code", "label", "context"), [
        (block_ids[entry.code], index, *item)
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
    """Many rows at once, without SQLAlchemy's per-row parameter processing (which took
    most of the import's time for the ~25 competences of each real fiche): `COPY … FROM STDIN`
    on PostgreSQL (several times faster than an executemany of INSERTs there, and no huge
    statement for the driver to parse), one driver `executemany` elsewhere. Columns whose type
    converts its values (dates and times, JSON) go through the type's own bind processor,
    so the rows read back exactly as if the ORM had written them. Column defaults of the
    model are not applied: give every column that has one."""
    if not rows:
        return
    connection = db.session.connection()
    dialect = connection.dialect
    converting = [(index, process) for index, column in enumerate(columns)
                  if (process := _processor(table.c[column].type, dialect)) is not None]
    if converting:
        rows = _converted_rows(rows, converting)
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(column) for column in columns)
    if dialect.name == "postgresql":
        with connection.connection.driver_connection.cursor() as cursor:
            with cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    connection.exec_driver_sql(
        f"INSERT INTO {quote(table.name)} ({names}) VALUES ({', '.join([mark] * len(columns))})", rows)


def _converted_rows(rows: list[tuple], converting: list) -> list[tuple]:
    """The rows with the type conversions applied (as tuples: SQLAlchemy's executemany takes
    tuples, not lists), each distinct hashable value converted once: the rows of a
    batch share most such values (every title of a batch has the same `created_at` and
    `updated_at`, many the same end date), and a type's processor is a pure function."""
    memo: list[dict] = [{} for _ in converting]
    converted = []
    for row in rows:
        values = list(row)
        for (index, process), seen in zip(converting, memo):
            value = values[index]
            if value is None:
                continue
            try:
                values[index] = seen[value]
            except KeyError:
                values[index] = seen[value] = process(value)
            except TypeError:  # unhashable (a JSON list): converted every time
                values[index] = process(value)
        converted.append(tuple(values))
    return converted


def _processor(column_type, dialect):
    if isinstance(column_type, Boolean):
        # Both drivers take Python booleans as they are (SQLite stores 1/0, as the type's
        # processor would): no per-row conversion of every block for its `required` flag.
        return None
    if dialect.name == "postgresql" and isinstance(column_type, JSON):
        from psycopg.types.json import Json  # SQLAlchemy leaves JSON to the driver there

        return Json
    return column_type.bind_processor(dialect)


def ids_by(table, key: str, column: str, values: list, value: str = "id") -> dict:
    """`key` → id (or another `value` column) of the rows whose `column` is one of `values`
    (e.g. the rows `insert_rows` just wrote): one query, the list bound as one array on
    PostgreSQL rather than one placeholder per value (`sql_lists.one_of`)."""
    if not values:
        return {}
    columns = table.c
    return dict(db.session.execute(select(columns[key], columns[value]).where(one_of(columns[column], values))).all())


TITLE_COLUMNS = ("label", "eqf_level", "active", "certifier_name", "end_date", "assessment_modalities",
                 "older_codes", "newer_codes", "register", "vae_open", "vae_jury_composition",
                 "source", "source_digest", "interview_base_minutes", "interview_per_block_minutes",
                 "interview_max_minutes")


def _title_values(fiche: Fiche, digest: str) -> tuple:
    """A new title's columns, in TITLE_COLUMNS order (the interview defaults are the model's)."""
    return (fiche.label, fiche.eqf_level, fiche.active, fiche.certifier_name, fiche.end_date,
            fiche.assessment_modalities, list(fiche.older_codes), list(fiche.newer_codes),
            fiche.register, fiche.vae_open, fiche.vae_jury_composition, SOURCE, digest,
            *_INTERVIEW_DEFAULTS)


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

