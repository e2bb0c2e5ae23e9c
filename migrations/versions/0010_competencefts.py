"""Full-text search of competences: the API's title search stops reading every competence.

`GET /api/v1/titles?q=` found titles by any word of a competence with
`lower(label) LIKE '%word%'`: at 240,000 competences PostgreSQL read them all (~250 ms a call,
and the register holds about twice that). It now asks the same full-text engine as the
catalogue (vae/catalog/search.py), which needs an index of the competences' words:

PostgreSQL: a GIN expression index of each competence's words, unaccented, in the 'simple'
configuration only (`vae_fts_words`; a typed word is a prefix of one, `vae_fts_word_prefix`).
Titles and blocks are indexed twice, French stems and words (0005_fts); for the competences,
ten times as many rows and longer labels, that halved a first register import (5,000 fiches:
~780 → ~420 fiches/s); words only cost a quarter (~570 fiches/s).
SQLite: an FTS5 table over `competence` as its external content (the labels are not stored
twice) that records which competences hold a word, not where (`detail = none`: the search asks
for words and prefixes only, never phrases; 40 % less indexing time), kept in sync by triggers
on competence; rowid = competence id. A trigger writing one
FTS5 row per competence inserted made a first register import 2.4× slower (one INSERT … SELECT
of the same rows: 5× faster than the triggers), so while an import runs the control row
`competence_fts_pending.after_id` holds the last competence id indexed: the triggers leave the
competences above it alone, and the import indexes them in one statement before it commits
(vae/catalog/fulltext_bulk.py). NULL, as outside an import: the triggers index every change.
None of these objects is described by the models (see tests/platform/test_migrations.py).

Revision ID: 0010_competencefts
Revises: 0009_peoplesearch
"""
from alembic import op

revision = "0010_competencefts"
down_revision = "0009_peoplesearch"
branch_labels = None
depends_on = None

PG_UP = [
    """CREATE FUNCTION vae_fts_words(label text) RETURNS tsvector
       LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
         SELECT to_tsvector('simple'::regconfig, public.unaccent('public.unaccent'::regdictionary, coalesce(label, '')))
       $$""",
    """CREATE FUNCTION vae_fts_word_prefix(word text) RETURNS tsquery
       LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
         SELECT to_tsquery('simple'::regconfig, public.unaccent('public.unaccent'::regdictionary, word) || ':*')
       $$""",
    "CREATE INDEX ix_competence_fts ON competence USING gin (vae_fts_words(label))",
]
PG_DOWN = ["DROP INDEX IF EXISTS ix_competence_fts", "DROP FUNCTION IF EXISTS vae_fts_word_prefix(text)",
           "DROP FUNCTION IF EXISTS vae_fts_words(text)"]

_FORGET = "INSERT INTO competence_fts(competence_fts, rowid, label) VALUES ('delete', old.id, old.label);"
_LEARN = "INSERT INTO competence_fts(rowid, label) VALUES (new.id, new.label);"
_AFTER_ID = "(SELECT after_id FROM competence_fts_pending)"
# Indexed already: always outside an import; during one, only the competences that were there before.
_INDEXED = f"WHEN coalesce(old.id <= {_AFTER_ID}, 1)"
SQLITE_UP = [
    """CREATE VIRTUAL TABLE competence_fts USING fts5(label, content = 'competence', content_rowid = 'id',
       tokenize = 'unicode61 remove_diacritics 2', detail = none)""",
    "INSERT INTO competence_fts(competence_fts) VALUES ('rebuild')",
    "CREATE TABLE competence_fts_pending (after_id INTEGER)",
    "INSERT INTO competence_fts_pending (after_id) VALUES (NULL)",
    f"CREATE TRIGGER competence_fts_insert AFTER INSERT ON competence WHEN {_AFTER_ID} IS NULL BEGIN {_LEARN} END",
    f"""CREATE TRIGGER competence_fts_update AFTER UPDATE OF label ON competence {_INDEXED}
        BEGIN {_FORGET} {_LEARN} END""",
    f"CREATE TRIGGER competence_fts_delete AFTER DELETE ON competence {_INDEXED} BEGIN {_FORGET} END",
]
SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS {name}" for name in (
    "competence_fts_delete", "competence_fts_update", "competence_fts_insert")] + [
    "DROP TABLE IF EXISTS competence_fts_pending", "DROP TABLE IF EXISTS competence_fts"]


def _statements(postgresql: list[str], sqlite: list[str]) -> list[str]:
    return postgresql if op.get_bind().dialect.name == "postgresql" else sqlite


def upgrade():
    for statement in _statements(PG_UP, SQLITE_UP):
        op.execute(statement)


def downgrade():
    for statement in _statements(PG_DOWN, SQLITE_DOWN):
        op.execute(statement)
