"""SQLite full-text upkeep stands aside while a register import runs.

The triggers of 0005_fts rewrite a title's FTS5 row once per block inserted or updated (the
block list recomputed each time): a first import of the register paid that per row. They
are recreated with a WHEN condition on a one-row control table, `title_fts_paused`, that the
import sets inside its own transaction (so a failed import's rollback restores it); the
import then writes its batch's rows of title_fts at once (vae/catalog/fulltext_bulk.py).
Outside an import the triggers work exactly as before. PostgreSQL: nothing (its GIN
indexes need no trigger; see docs/rncp-import.md).

Revision ID: 0008_ftsbulk
Revises: 0008_statecounts
"""
from alembic import op

revision = "0008_ftsbulk"
down_revision = "0008_statecounts"
branch_labels = None
depends_on = None

_BLOCKS_OF = "(SELECT coalesce(group_concat(label, ' '), '') FROM block WHERE title_id = {ref}.title_id)"
_ACTIVE = "WHEN (SELECT paused FROM title_fts_paused) = 0"
_NAMES = ("title_fts_insert", "title_fts_update", "title_fts_delete",
          "block_fts_insert", "block_fts_update", "block_fts_delete")


def _triggers(when: str) -> list[str]:
    """The triggers of 0005_fts, with `when` (empty: as 0005 made them)."""
    return [
        f"""CREATE TRIGGER title_fts_insert AFTER INSERT ON title {when} BEGIN
             INSERT INTO title_fts(rowid, label, certifier_name, blocks)
             VALUES (new.id, new.label, coalesce(new.certifier_name, ''), '');
           END""",
        f"""CREATE TRIGGER title_fts_update AFTER UPDATE OF label, certifier_name ON title {when} BEGIN
             UPDATE title_fts SET label = new.label, certifier_name = coalesce(new.certifier_name, '')
             WHERE rowid = new.id;
           END""",
        f"""CREATE TRIGGER title_fts_delete AFTER DELETE ON title {when} BEGIN
             DELETE FROM title_fts WHERE rowid = old.id;
           END""",
        f"""CREATE TRIGGER block_fts_insert AFTER INSERT ON block {when} BEGIN
             UPDATE title_fts SET blocks = {_BLOCKS_OF.format(ref="new")} WHERE rowid = new.title_id;
           END""",
        f"""CREATE TRIGGER block_fts_update AFTER UPDATE OF label, title_id ON block {when} BEGIN
             UPDATE title_fts SET blocks = {_BLOCKS_OF.format(ref="old")} WHERE rowid = old.title_id;
             UPDATE title_fts SET blocks = {_BLOCKS_OF.format(ref="new")} WHERE rowid = new.title_id;
           END""",
        f"""CREATE TRIGGER block_fts_delete AFTER DELETE ON block {when} BEGIN
             UPDATE title_fts SET blocks = {_BLOCKS_OF.format(ref="old")} WHERE rowid = old.title_id;
           END""",
    ]


def _drop_triggers() -> None:
    for name in _NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE TABLE title_fts_paused (paused INTEGER NOT NULL CHECK (paused IN (0, 1)))")
    op.execute("INSERT INTO title_fts_paused (paused) VALUES (0)")
    _drop_triggers()
    for statement in _triggers(_ACTIVE):
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    _drop_triggers()
    for statement in _triggers(""):
        op.execute(statement)
    op.execute("DROP TABLE IF EXISTS title_fts_paused")
