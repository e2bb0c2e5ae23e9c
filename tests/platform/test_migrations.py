"""The Alembic migrations build exactly the schema the models describe."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from vae.extensions import db as _db


def test_migrated_database_matches_the_models(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, _db.metadata)
    assert differences == []


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
