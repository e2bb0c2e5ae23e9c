"""The candidate's page and documents: my blocks, PDFs (deterministic text, QR), the baked badge."""
from __future__ import annotations

import io
import json
import stat

from pypdf import PdfReader
from sqlalchemy import select

from vae.certification.vc import baking
from vae.models import Certificate


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def _certified(db, client, login_as, titles, make_user, case_factory, jury_validates, all_blocks=True):
    candidate = make_user("candidate", first_name="Jeanne", last_name="Dupont")
    codes = [b.code for b in titles["RNCP37780"].required_blocks]
    case = case_factory(candidate=candidate, block_codes=codes if all_blocks else codes[:1])
    session = jury_validates(case)
    login_as(jury_validates.admin)
    for _ in range(2):
        client.post(f"/admin/certification/sessions/{session.id}/issue")
    login_as(candidate)
    return candidate


def test_my_blocks_shows_n_of_m_held_and_missing(db, client, login_as, titles, make_user, case_factory,
                                                 jury_validates):
    _certified(db, client, login_as, titles, make_user, case_factory, jury_validates, all_blocks=False)
    total = len(titles["RNCP37780"].required_blocks)
    page = client.get("/my/blocks").get_data(as_text=True)
    assert f"1 bloc obtenu sur {total}" in page
    assert "Blocs restant à valider" in page and "RNCP37780BC02" in page
    assert "Attestation (PDF)" in page


def test_block_pdf_is_french_complete_and_renders_the_same_text_twice(db, client, login_as, titles, make_user,
                                                                      case_factory, jury_validates):
    _certified(db, client, login_as, titles, make_user, case_factory, jury_validates, all_blocks=False)
    certificate = db.session.scalar(select(Certificate).where(Certificate.kind == "block"))
    first = client.get(f"/my/certificates/{certificate.public_id}.pdf")
    second = client.get(f"/my/certificates/{certificate.public_id}.pdf")
    assert first.mimetype == "application/pdf"
    text = _text(first.data)
    assert text == _text(second.data)
    assert "ATTESTATION DE VALIDATION" in text  # the stylesheet applies: the kind of document in capitals
    for expected in ("Jeanne Dupont", "RNCP37780BC01", "RNCP37780", "niveau 3",
                     "IPERIA", certificate.public_id, "Construire son activité"):
        assert expected in text, expected
    page = PdfReader(io.BytesIO(first.data)).pages[0]
    assert round(float(page.mediabox.width)) == 595  # A4 portrait


def test_title_pdf_and_transcript(db, client, login_as, titles, make_user, case_factory, jury_validates):
    _certified(db, client, login_as, titles, make_user, case_factory, jury_validates)
    title = db.session.scalar(select(Certificate).where(Certificate.kind == "title"))
    text = _text(client.get(f"/my/certificates/{title.public_id}.pdf").data)
    assert "Assistant de vie dépendance" in text and "RNCP37780BC05" in text
    total = len(titles["RNCP37780"].required_blocks)
    transcript = _text(client.get("/my/transcript.pdf").data)
    assert f"{total} blocs validés sur {total}" in transcript
    public_id = db.session.scalar(select(Certificate.public_id).where(Certificate.kind == "transcript"))
    assert public_id in transcript and client.get(f"/c/{public_id}").status_code == 200


def test_baked_badge_holds_the_credential(db, client, login_as, titles, make_user, case_factory, jury_validates):
    _certified(db, client, login_as, titles, make_user, case_factory, jury_validates, all_blocks=False)
    certificate = db.session.scalar(select(Certificate).where(Certificate.kind == "block"))
    png = client.get(f"/my/certificates/{certificate.public_id}.png").data
    assert baking.extract(png) == json.loads(certificate.credential_json)


def test_other_candidates_cannot_download(db, client, login_as, titles, make_user, case_factory, jury_validates):
    _certified(db, client, login_as, titles, make_user, case_factory, jury_validates, all_blocks=False)
    certificate = db.session.scalar(select(Certificate).where(Certificate.kind == "block"))
    login_as("candidate")
    assert client.get(f"/my/certificates/{certificate.public_id}.pdf").status_code == 404
    assert client.get(f"/my/certificates/{certificate.public_id}.png").status_code == 404


def test_keys_live_in_the_instance_with_mode_0600(app, runner):
    from pathlib import Path

    key_dir = Path(app.config["KEY_DIR"])
    private = list(key_dir.glob("*.pem"))
    assert len(private) == 1 and stat.S_IMODE(private[0].stat().st_mode) == 0o600
    assert runner.invoke(args=["vae", "keys", "generate"]).exit_code != 0  # never overwrite
    shown = runner.invoke(args=["vae", "keys", "show"])
    assert "did:web:localhost" in shown.output and "(current)" in shown.output
    runner.invoke(args=["vae", "keys", "rotate"])
    assert len(list(key_dir.glob("*.pub.pem"))) == 1 and len([p for p in key_dir.glob("*.pem")
                                                              if not p.name.endswith(".pub.pem")]) == 1
