"""Item 4: documents and pages show what was certified, frozen at issue.
(Item 19, the journal against INSERT OR REPLACE and upserts, is in test_audit_append_only.py.)"""
from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from tests.certification.conftest import jury_validates, signing_key  # noqa: F401  (fixtures)
from vae.models import Certificate


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
