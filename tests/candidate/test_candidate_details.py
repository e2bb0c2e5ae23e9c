"""What the first wave left untested: media detection and the video cap, expired titles, self-assessment,
evidence editing, and the language chosen on the profile page."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.security import media_samples as media
from vae.core.clock import now
from vae.models import Case, Evidence, SelfAssessment, StoredFile


# Real (if tiny) media: uploads are validated by parsing their container, not by a prefix.
iso_media, webm, heic_photo = media.iso_media, media.webm, media.heic_photo


def _upload(client, case_block, data: bytes, name: str, kind: str):
    return client.post(f"/blocks/{case_block.id}/evidence", data={
        "competence_id": case_block.block.competences[0].id, "kind": kind, "title": name, "body": "",
        "file": (io.BytesIO(data), name)}, content_type="multipart/form-data", follow_redirects=True)


@pytest.mark.parametrize("data, name, kind, mime", [
    (iso_media(b"isom"), "visite.mp4", "video", "video/mp4"),
    (iso_media(b"M4A "), "voix.m4a", "audio", "audio/mp4"),
    (heic_photo(), "photo.heic", "photo", "image/jpeg"),  # re-encoded: no EXIF, and browsers show it
    (webm(video=True), "visite.webm", "video", "video/webm"),
    (webm(video=False), "note.webm", "audio", "audio/webm"),
])
def test_media_files_are_recognised_by_their_bytes(client, db, admissible_case, login_as, data, name, kind, mime):
    case = admissible_case()
    login_as(case.candidate)
    # A misleading name does not matter: the type comes from the content.
    _upload(client, case.blocks[0], data, "fichier.bin", kind)
    stored = db.session.scalar(select(StoredFile))
    assert stored is not None and stored.mime_type == mime


def test_a_truncated_mp4_is_refused(client, db, admissible_case, login_as):
    case = admissible_case()
    login_as(case.candidate)
    page = _upload(client, case.blocks[0], iso_media(b"isom")[:-50], "visite.mp4", "video").get_data(as_text=True)
    assert "incomplet" in page
    assert db.session.scalar(select(StoredFile)) is None


def test_videos_have_their_own_larger_cap(app, client, db, admissible_case, login_as):
    app.config.update(UPLOAD_MAX_BYTES=2000, UPLOAD_MAX_VIDEO_BYTES=8000)
    case = admissible_case()
    login_as(case.candidate)
    cb = case.blocks[0]
    assert "trop lourd" in _upload(client, cb, iso_media(b"M4A ", 4000), "voix.m4a", "audio").get_data(as_text=True)
    assert db.session.scalar(select(StoredFile)) is None
    _upload(client, cb, iso_media(b"isom", 4000), "visite.mp4", "video")
    assert db.session.scalar(select(StoredFile.mime_type)) == "video/mp4"
    assert "trop lourd" in _upload(client, cb, iso_media(b"isom", 9000), "longue.mp4", "video").get_data(as_text=True)
    assert len(db.session.scalars(select(StoredFile)).all()) == 1


def test_blocks_of_an_expired_title_cannot_be_chosen(client, db, titles, make_user, login_as):
    title = titles["RNCP37780"]
    title.end_date = (now() - timedelta(days=1)).date()
    db.session.commit()
    candidate = make_user("candidate")
    login_as(candidate)
    page = client.get(f"/cases/new?title_id={title.id}").get_data(as_text=True)
    assert "n’est plus ouvert" in page or "no longer open" in page
    assert 'name="blocks"' not in page
    client.post(f"/cases/new?title_id={title.id}", data={"blocks": [title.blocks[0].id]})
    assert db.session.scalar(select(Case).where(Case.candidate_id == candidate.id)) is None


def test_the_self_assessment_is_saved_and_shown_again(client, db, case_factory, login_as):
    case = case_factory()
    cb = case.blocks[0]
    first, second = cb.block.competences[:2]
    login_as(case.candidate)
    client.post(f"/blocks/{cb.id}/self-assessment",
                data={f"level-{first.id}": "could_teach", f"level-{second.id}": "sometimes", "level-0": "never"})
    levels = {s.competence_id: s.level for s in db.session.scalars(
        select(SelfAssessment).where(SelfAssessment.case_block_id == cb.id))}
    assert levels == {first.id: "could_teach", second.id: "sometimes"}
    page = client.get(f"/blocks/{cb.id}/self-assessment").get_data(as_text=True)
    assert f'name="level-{first.id}" value="could_teach" checked' in page
    assert f'name="level-{second.id}" value="sometimes" checked' in page


def test_evidence_can_be_edited_until_the_block_is_submitted(client, db, admissible_case, login_as, cover_all):
    case = admissible_case()
    cb = case.blocks[0]
    login_as(case.candidate)
    client.post(f"/blocks/{cb.id}/evidence", data={
        "competence_id": cb.block.competences[0].id, "kind": "text", "title": "Brouillon", "body": "Je fais."})
    evidence = db.session.scalar(select(Evidence))
    other = cb.block.competences[1]
    client.post(f"/evidence/{evidence.id}/edit", data={
        f"e{evidence.id}-competence_id": other.id, f"e{evidence.id}-title": "Les repas",
        f"e{evidence.id}-body": "Je prépare les repas selon son régime sans sel."})
    db.session.refresh(evidence)
    assert (evidence.title, evidence.competence_id) == ("Les repas", other.id)
    assert "selon son régime sans sel" in client.get(f"/blocks/{cb.id}").get_data(as_text=True)

    cover_all(cb)
    db.session.refresh(case)
    client.post(f"/blocks/{cb.id}/submit", data={"version": case.version, "honour": "y"})
    db.session.refresh(cb)
    assert cb.state == "submitted"
    client.post(f"/evidence/{evidence.id}/edit", data={
        f"e{evidence.id}-competence_id": other.id, f"e{evidence.id}-title": "Changé après coup",
        f"e{evidence.id}-body": "…"})
    db.session.refresh(evidence)
    assert evidence.title == "Les repas"


def test_choosing_english_on_the_profile_page_changes_the_interface_language(client, db, make_user, login_as):
    candidate = make_user("candidate")
    login_as(candidate)
    assert "Langue préférée" in client.get("/profile").get_data(as_text=True)
    client.post("/profile", data={"first_name": "Awa", "last_name": "Diallo", "phone": "", "locale": "en"})
    db.session.refresh(candidate)
    assert (candidate.locale, candidate.first_name) == ("en", "Awa")
    page = client.get("/profile").get_data(as_text=True)
    assert "Preferred language" in page and "Langue préférée" not in page
