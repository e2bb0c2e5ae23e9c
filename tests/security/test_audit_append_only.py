"""The journal cannot be rewritten: the database refuses UPDATE, DELETE, INSERT OR REPLACE and upserts
(SQLite and PostgreSQL)."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from vae.core.audit import record
from vae.models import AuditEvent


@pytest.fixture
def entry(db, make_user):
    user = make_user("admin")
    event = record(user, "user", user.id, "file_downloaded", reason="checked the identity document")
    db.session.commit()
    return event


def test_updating_an_audit_event_is_refused_by_the_database(db, entry):
    with pytest.raises(DBAPIError, match="append-only"):
        db.session.execute(update(AuditEvent).where(AuditEvent.id == entry.id).values(reason="nothing to see"))
    db.session.rollback()
    assert db.session.get(AuditEvent, entry.id).reason == "checked the identity document"


def test_deleting_an_audit_event_is_refused_by_the_database(db, entry):
    with pytest.raises(DBAPIError, match="append-only"):
        db.session.execute(delete(AuditEvent))
    db.session.rollback()
    assert db.session.scalar(select(func.count(AuditEvent.id))) >= 1


def test_raw_sql_cannot_rewrite_the_journal_either(db, entry):
    for statement in ("UPDATE audit_event SET actor_id = NULL", "DELETE FROM audit_event"):
        with pytest.raises(DBAPIError):
            db.session.execute(text(statement))
        db.session.rollback()
    assert db.session.get(AuditEvent, entry.id).actor_id is not None


def test_appending_still_works(db, entry):
    before = db.session.scalar(select(func.count(AuditEvent.id)))
    record(None, "case", 1, "deadline_swept")
    db.session.commit()
    assert db.session.scalar(select(func.count(AuditEvent.id))) == before + 1


def test_insert_or_replace_cannot_rewrite_a_journal_entry(db, entry):
    if db.engine.dialect.name == "sqlite":
        statement = ("INSERT OR REPLACE INTO audit_event (id, occurred_at, actor_id, subject_type, subject_id, case_id, event, reason, data) "
                     "SELECT id, occurred_at, actor_id, subject_type, subject_id, case_id, 'nothing_happened', 'rewritten', data FROM audit_event "
                     "WHERE id = :id")
    else:
        statement = ("INSERT INTO audit_event (id, occurred_at, actor_id, subject_type, subject_id, case_id, event, reason, data) "
                     "SELECT id, occurred_at, actor_id, subject_type, subject_id, case_id, 'nothing_happened', 'rewritten', data FROM audit_event "
                     "WHERE id = :id ON CONFLICT (id) DO UPDATE SET event = EXCLUDED.event, "
                     "reason = EXCLUDED.reason")
    with pytest.raises(DBAPIError, match="append-only"):
        db.session.execute(text(statement), {"id": entry.id})
    db.session.rollback()
    kept = db.session.get(AuditEvent, entry.id)
    assert kept.reason == "checked the identity document" and kept.event == "file_downloaded"


def test_replace_into_is_refused_too(db, entry):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("REPLACE INTO is SQLite syntax")
    before = db.session.scalar(select(func.count(AuditEvent.id)))
    with pytest.raises(DBAPIError, match="append-only"):
        db.session.execute(text("REPLACE INTO audit_event (id, occurred_at, subject_type, subject_id, event, data) "
                                "SELECT id, occurred_at, subject_type, subject_id, 'x', data FROM audit_event WHERE id = :id"),
                           {"id": entry.id})
    db.session.rollback()
    assert db.session.scalar(select(func.count(AuditEvent.id))) == before
    assert db.session.get(AuditEvent, entry.id).event == "file_downloaded"


def test_new_journal_entries_are_still_appended(db, entry):
    before = db.session.scalar(select(func.count(AuditEvent.id)))
    record(None, "case", 1, "deadline_swept")
    db.session.commit()
    assert db.session.scalar(select(func.count(AuditEvent.id))) == before + 1
