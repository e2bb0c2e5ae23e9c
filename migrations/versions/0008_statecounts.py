"""Cases per state, kept exact by the database: the admin home reads 7 rows instead of
counting every case (a GROUP BY over 100,000 cases took 29 ms even index-only).

Table `case_state_count` (state, cases), backfilled here from `case`, then kept by
triggers on `case` (insert, update of state, delete) in the same transaction as the
change, so every writer (workflow, creation, GDPR erasure, bulk inserts of the bench
generator, the demo) keeps it right without calling anything. Only this migration
creates the table: a model would let `create_all` build it without its triggers
(see tests/platform/test_migrations.py).

PostgreSQL: statement-level triggers with transition tables for INSERT and DELETE (a bulk
insert of 100,000 cases adds one row per state, not 100,000 increments), a row-level one
for a change of state; rows are locked in state order to keep two crossing transitions
from deadlocking. SQLite: row-level triggers (SQLite has no statement-level ones).

Revision ID: 0008_statecounts
Revises: 0007_staffpages
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_statecounts"
down_revision = "0007_staffpages"
branch_labels = None
depends_on = None

BACKFILL = """INSERT INTO case_state_count (state, cases)
              SELECT state, count(*) FROM "case" GROUP BY state"""

PG_UP = [
    """CREATE FUNCTION vae_case_state_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO case_state_count AS c (state, cases)
           SELECT state, count(*) FROM new_cases GROUP BY state ORDER BY state
         ON CONFLICT (state) DO UPDATE SET cases = c.cases + excluded.cases;
         RETURN NULL;
       END $$""",
    """CREATE FUNCTION vae_case_state_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO case_state_count AS c (state, cases)
           SELECT state, -count(*) FROM old_cases GROUP BY state ORDER BY state
         ON CONFLICT (state) DO UPDATE SET cases = c.cases + excluded.cases;
         RETURN NULL;
       END $$""",
    """CREATE FUNCTION vae_case_state_count_move() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO case_state_count AS c (state, cases)
           SELECT state, delta FROM (VALUES (OLD.state, -1), (NEW.state, 1)) AS moved (state, delta)
           ORDER BY state
         ON CONFLICT (state) DO UPDATE SET cases = c.cases + excluded.cases;
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER case_state_count_insert AFTER INSERT ON "case"
       REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION vae_case_state_count_insert()""",
    """CREATE TRIGGER case_state_count_delete AFTER DELETE ON "case"
       REFERENCING OLD TABLE AS old_cases FOR EACH STATEMENT EXECUTE FUNCTION vae_case_state_count_delete()""",
    """CREATE TRIGGER case_state_count_move AFTER UPDATE OF state ON "case"
       FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION vae_case_state_count_move()""",
]
PG_DOWN = [
    'DROP TRIGGER IF EXISTS case_state_count_move ON "case"',
    'DROP TRIGGER IF EXISTS case_state_count_delete ON "case"',
    'DROP TRIGGER IF EXISTS case_state_count_insert ON "case"',
    "DROP FUNCTION IF EXISTS vae_case_state_count_move()",
    "DROP FUNCTION IF EXISTS vae_case_state_count_delete()",
    "DROP FUNCTION IF EXISTS vae_case_state_count_insert()",
]

_ADD_ONE = """INSERT INTO case_state_count (state, cases) VALUES (new.state, 1)
              ON CONFLICT (state) DO UPDATE SET cases = cases + 1;"""
SQLITE_UP = [
    f"""CREATE TRIGGER case_state_count_insert AFTER INSERT ON "case" BEGIN
          {_ADD_ONE}
        END""",
    """CREATE TRIGGER case_state_count_delete AFTER DELETE ON "case" BEGIN
         UPDATE case_state_count SET cases = cases - 1 WHERE state = old.state;
       END""",
    f"""CREATE TRIGGER case_state_count_move AFTER UPDATE OF state ON "case"
        WHEN old.state IS NOT new.state BEGIN
          UPDATE case_state_count SET cases = cases - 1 WHERE state = old.state;
          {_ADD_ONE}
        END""",
]
SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS {name}"
               for name in ("case_state_count_move", "case_state_count_delete", "case_state_count_insert")]


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade():
    op.create_table(
        "case_state_count",
        sa.Column("state", sa.String(20), primary_key=True),
        sa.Column("cases", sa.Integer(), nullable=False),
    )
    # Backfill and triggers in one transaction (PostgreSQL's DDL is transactional), with case
    # writers held off until the triggers exist: no case written in between is missed.
    # SQLite's writers are serialized anyway.
    if _postgresql():
        op.execute('LOCK TABLE "case" IN SHARE ROW EXCLUSIVE MODE')
    op.execute(BACKFILL)
    for statement in PG_UP if _postgresql() else SQLITE_UP:
        op.execute(statement)


def downgrade():
    for statement in PG_DOWN if _postgresql() else SQLITE_DOWN:
        op.execute(statement)
    op.drop_table("case_state_count")
