"""People search by any part of a name or address, through trigram indexes on PostgreSQL.

The people list finds "dup" in "Dupont" or in "j.dupont@…" with `lower(column) LIKE '%dup%'`,
which no B-tree can answer: at 72,000 people PostgreSQL read them all (131 ms). pg_trgm's GIN
indexes on the same expressions answer it (a trusted extension since PostgreSQL 13: the
database owner may create it). SQLite keeps scanning (an embedded, single-office database).
None of these objects is described by the models (see tests/platform/test_migrations.py).

Revision ID: 0009_peoplesearch
Revises: 0008_ftsbulk
"""
from alembic import op

revision = "0009_peoplesearch"
down_revision = "0008_ftsbulk"
branch_labels = None
depends_on = None

COLUMNS = ("email", "last_name", "first_name")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        op.execute(f'CREATE INDEX ix_user_{column}_trgm ON "user" USING gin (lower({column}) gin_trgm_ops)')


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column in COLUMNS:
        op.execute(f"DROP INDEX IF EXISTS ix_user_{column}_trgm")
