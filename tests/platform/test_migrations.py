"""The Alembic migrations build exactly the schema the models describe."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from vae.extensions import db as _db

# Full-text search objects that only migration 0005_fts creates (the models cannot describe
# them): SQLite's FTS5 table and its shadow tables, PostgreSQL's GIN expression indexes.
# Their triggers and functions are invisible to autogenerate, so they need no entry here.
FULL_TEXT_ONLY_IN_MIGRATIONS = {
    "title_fts", "title_fts_data", "title_fts_idx", "title_fts_content", "title_fts_docsize",
    "title_fts_config", "ix_title_fts", "ix_block_fts",
    "title_fts_paused",  # 0008_ftsbulk: the control row that sets the triggers aside during an import
    # 0010_competencefts (external content: no _content table)
    "competence_fts", "competence_fts_data", "competence_fts_idx", "competence_fts_docsize", "competence_fts_config",
    "competence_fts_pending", "ix_competence_fts",
}
# Cases per state, kept by triggers on `case` (migration 0008_statecounts): no model, so that
# `create_all` can never build the table without the triggers that keep it exact.
STATE_COUNTS_ONLY_IN_MIGRATIONS = {"case_state_count"}
# Trigram indexes of the people search (migration 0009_peoplesearch, PostgreSQL only).
PEOPLE_SEARCH_ONLY_IN_MIGRATIONS = {"ix_user_email_trgm", "ix_user_last_name_trgm", "ix_user_first_name_trgm"}
ONLY_IN_MIGRATIONS = FULL_TEXT_ONLY_IN_MIGRATIONS | STATE_COUNTS_ONLY_IN_MIGRATIONS | PEOPLE_SEARCH_ONLY_IN_MIGRATIONS


def _name(difference) -> str | None:
    """The table or index a difference is about (("remove_table", Table) or ("remove_index", Index))."""
    if isinstance(difference, tuple) and difference[0] in ("remove_table", "remove_index"):
        return difference[1].name
    return None


def test_migrated_database_matches_the_models(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, _db.metadata)
    assert [d for d in differences if _name(d) not in ONLY_IN_MIGRATIONS] == []


def test_database_enforces_the_domain_rules(db):
    inspector = inspect(db.engine)
    uniques = {t: [tuple(u["column_names"]) for u in inspector.get_unique_constraints(t)]
               for t in ("case_block", "block_award", "title_award")}
    assert ("case_id", "block_id") in uniques["case_block"]
    assert ("candidate_id", "block_id") in uniques["block_award"]
    assert ("candidate_id", "title_id") in uniques["title_award"]
    for table in ("case", "case_block", "jury_session", "interview", "outbox_message"):
        checks = [c["name"] for c in inspector.get_check_constraints(table)]
        assert any("state" in name for name in checks), (table, checks)
    indexed = {tuple(i["column_names"]) for i in inspector.get_indexes("case")}
    assert ("state",) in indexed and ("title_id",) in indexed and ("mentor_id",) in indexed
