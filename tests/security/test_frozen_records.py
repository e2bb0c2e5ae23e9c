"""Item 4: documents and pages show what was certified, frozen at issue.
Item 19: the journal cannot be rewritten with INSERT OR REPLACE (SQLite) or an upsert (PostgreSQL)."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from tests.certification_web.conftest import jury_validates, signing_key  # noqa: F401  (fixtures)
from vae.core.audit import record
from vae.models import AuditEvent, Certificate


def _pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def test_renaming_oneself_changes_neither_the_certificate_nor_its_public_page(
        app, db, client, login_as, titles, make_user, case_factory, jury_validates):  # noqa: F811
    candidate = make_user("candidate", first_name="Jeanne", last_name="Dupont")
    code = titles["RNCP37780"].required_blocks[0].code
    session = jury_validates(case_factory(candidate=candidate, block_codes=[code]))
    login_as(jury_validates.admin)
    client.post(f"/admin/certification/sessions/{session.id}/issue")
    certificate = db.session.scalar(select(Certificate).where(Certificate.kind == "block"))
    assert certificate is not None

    login_as(candidate)
    client.post("/profile", data={"first_name": "Directrice", "last_name": "Générale", "phone": "",
                                  "locale": "fr"})
    db.session.refresh(candidate)
    assert candidate.full_name == "Directrice Générale"

    page = app.test_client().get(f"/c/{certificate.public_id}").get_data(as_text=True)  # a visitor checks it
    assert "Jeanne Dupont" in page and "Directrice" not in page
    pdf = _pdf_text(client.get(f"/my/certificates/{certificate.public_id}.pdf").data)
    assert "Jeanne Dupont" in pdf and "Directrice" not in pdf
    transcript = _pdf_text(client.get("/my/transcript.pdf").data)
    assert "Jeanne Dupont" in transcript and "Directrice" not in transcript


@pytest.fixture
def entry(db, make_user):
    user = make_user("admin")
    event = record(user, "user", user.id, "file_downloaded", reason="checked the identity document")
    db.session.commit()
    return event


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
