"""Full-text catalogue search: words of a title (label, certifier) and of its blocks.

PostgreSQL: GIN expression indexes on an IMMUTABLE wrapper around unaccent + to_tsvector
(unaccent itself is only STABLE, so it cannot be indexed directly); French stemming plus the
'simple' configuration so that a typed prefix ("educat") still matches a stemmed word.
SQLite: one FTS5 table (rowid = title id) kept in sync by triggers on title and block.
None of these objects is described by the models (see tests/platform/test_migrations.py).

Revision ID: 0005_fts
Revises: 0004_scalepages
"""
from alembic import op

revision = "0005_fts"
down_revision = "0004_scalepages"
branch_labels = None
depends_on = None

PG_UP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """CREATE FUNCTION vae_fts_document(label text, more text) RETURNS tsvector
       LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
         SELECT to_tsvector('french'::regconfig, public.unaccent('public.unaccent'::regdictionary,
                                                  coalesce(label, '') || ' ' || coalesce(more, '')))
             || to_tsvector('simple'::regconfig, public.unaccent('public.unaccent'::regdictionary,
                                                  coalesce(label, '') || ' ' || coalesce(more, '')))
       $$""",
    """CREATE FUNCTION vae_fts_prefix(word text) RETURNS tsquery
       LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
         SELECT to_tsquery('french'::regconfig, public.unaccent('public.unaccent'::regdictionary, word) || ':*')
             || to_tsquery('simple'::regconfig, public.unaccent('public.unaccent'::regdictionary, word) || ':*')
       $$""",
    "CREATE INDEX ix_title_fts ON title USING gin (vae_fts_document(label, certifier_name))",
    "CREATE INDEX ix_block_fts ON block USING gin (vae_fts_document(label, NULL))",
]
PG_DOWN = [
    "DROP INDEX IF EXISTS ix_block_fts",
    "DROP INDEX IF EXISTS ix_title_fts",
    "DROP FUNCTION IF EXISTS vae_fts_prefix(text)",
    "DROP FUNCTION IF EXISTS vae_fts_document(text, text)",
]

_BLOCKS_OF = "(SELECT coalesce(group_concat(label, ' '), '') FROM block WHERE title_id = {ref}.title_id)"
SQLITE_UP = [
    """CREATE VIRTUAL TABLE title_fts USING fts5(label, certifier_name, blocks,
       tokenize = 'unicode61 remove_diacritics 2')""",
    """INSERT INTO title_fts(rowid, label, certifier_name, blocks)
       SELECT t.id, t.label, coalesce(t.certifier_name, ''),
              (SELECT coalesce(group_concat(b.label, ' '), '') FROM block b WHERE b.title_id = t.id)
       FROM title t""",
    """CREATE TRIGGER title_fts_insert AFTER INSERT ON title BEGIN
         INSERT INTO title_fts(rowid, label, certifier_name, blocks)
         VALUES (new.id, new.label, coalesce(new.certifier_name, ''), '');
       END""",
    """CREATE TRIGGER title_fts_update AFTER UPDATE OF label, certifier_name ON title BEGIN
         UPDATE title_fts SET label = new.label, certifier_name = coalesce(new.certifier_name, '')
         WHERE rowid = new.id;
       END""",
    """CREATE TRIGGER title_fts_delete AFTER DELETE ON title BEGIN
         DELETE FROM title_fts WHERE rowid = old.id;
       END""",
    f"""CREATE TRIGGER block_fts_insert AFTER INSERT ON block BEGIN
         UPDATE title_fts SET blocks = {_BLOCKS_OF.format(ref="new")} WHERE rowid = new.title_id;
       END""",
    f"""CREATE TRIGGER block_fts_update AFTER UPDATE OF label, title_id ON block BEGIN
         UPDATE title_fts SET blocks = {_BLOCKS_OF.format(ref="old")} WHERE rowid = old.title_id;
         UPDATE title_fts SET blocks = {_BLOCKS_OF.format(ref="new")} WHERE rowid = new.title_id;
       END""",
    f"""CREATE TRIGGER block_fts_delete AFTER DELETE ON block BEGIN
         UPDATE title_fts SET blocks = {_BLOCKS_OF.format(ref="old")} WHERE rowid = old.title_id;
       END""",
]
SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS {name}" for name in (
    "block_fts_delete", "block_fts_update", "block_fts_insert",
    "title_fts_delete", "title_fts_update", "title_fts_insert")] + ["DROP TABLE IF EXISTS title_fts"]


def _statements(postgresql: list[str], sqlite: list[str]) -> list[str]:
    return postgresql if op.get_bind().dialect.name == "postgresql" else sqlite


def upgrade():
    for statement in _statements(PG_UP, SQLITE_UP):
        op.execute(statement)


def downgrade():
    for statement in _statements(PG_DOWN, SQLITE_DOWN):
        op.execute(statement)
