"""What happens to an uploaded file before it is kept, and where it ends up (serving, GDPR export, backup)."""
from __future__ import annotations

import io
import itertools
import zipfile
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from tests.candidate.conftest import GPS_IFD, picture
from tests.security.test_uploads import FakeClamd
from vae.models import Evidence, StoredFile
from vae.privacy.export import personal_data_archive
from vae.storage.store import path_of

_names = itertools.count()


def _upload(client, case_block, data: bytes, name: str, kind="photo"):
    return client.post(f"/blocks/{case_block.id}/evidence", data={
        "competence_id": case_block.block.competences[0].id, "kind": kind, "title": "", "body": "",
        "file": (io.BytesIO(data), name)}, content_type="multipart/form-data", follow_redirects=True)


def _uploaded_photo(client, db, admissible_case, login_as):
    case = admissible_case()
    login_as(case.candidate)
    original = picture("JPEG", gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)
    _upload(client, case.blocks[0], original, "chez-mme-dupont.jpg")
    evidence = db.session.scalar(select(Evidence).where(Evidence.kind == "photo"))
    assert evidence is not None
    return case, evidence


def test_a_photo_with_a_gps_position_is_stored_without_it(client, db, admissible_case, login_as):
    case, evidence = _uploaded_photo(client, db, admissible_case, login_as)
    stored = path_of(evidence.file).read_bytes()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and image.size == (40, 30)
    assert not image.getexif() and b"PhoneMaker" not in stored
    # The row names the bytes actually kept, and the candidate gets them back without the position.
    import hashlib

    assert evidence.file.sha256 == hashlib.sha256(stored).hexdigest() and evidence.file.size_bytes == len(stored)
    assert client.get(f"/files/evidence/{evidence.id}").data == stored


def test_the_gdpr_export_contains_the_uploaded_file(client, db, admissible_case, login_as):
    case, evidence = _uploaded_photo(client, db, admissible_case, login_as)
    archive = zipfile.ZipFile(io.BytesIO(personal_data_archive(case.candidate)))
    name = f"files/{evidence.id}-chez-mme-dupont.jpg"
    assert name in archive.namelist()
    assert archive.read(name) == path_of(evidence.file).read_bytes()
    assert '"files_missing_for_evidence": []' in archive.read("data.json").decode()


def test_a_backup_and_restore_round_trip_keeps_the_uploaded_file(app, client, db, runner, admissible_case, login_as,
                                                                   tmp_path, pg_cluster):
    from tests.conftest import _make_app

    case, evidence = _uploaded_photo(client, db, admissible_case, login_as)
    sha, kept = evidence.file.sha256, path_of(evidence.file).read_bytes()
    result = runner.invoke(args=["vae", "backup", str(tmp_path / "backup")])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "backup" / "uploads" / "tmp").exists()  # half-received uploads are not backed up

    place = tmp_path / "restored"
    place.mkdir()
    url = (pg_cluster.create_database(f"cand_restored_{next(_names)}") if pg_cluster is not None
           else f"sqlite:///{place / 'vae.sqlite3'}")
    restored_app = _make_app(url, place / "instance", UPLOAD_DIR=str(place / "uploads"))
    with restored_app.app_context():
        from vae.extensions import db as restored_db

        result = restored_app.test_cli_runner().invoke(args=["vae", "restore", str(tmp_path / "backup")])
        assert result.exit_code == 0, result.output
        restored = restored_db.session.scalar(select(StoredFile).where(StoredFile.sha256 == sha))
        assert restored is not None and path_of(restored).read_bytes() == kept
        restored_db.session.remove()
        restored_db.engine.dispose()


def test_a_file_the_scanner_flags_is_refused_and_nothing_is_stored(app, client, db, admissible_case, login_as,
                                                                     tmp_path):
    FakeClamd(tmp_path / "clamd.sock")
    app.config["CLAMD_SOCKET"] = str(tmp_path / "clamd.sock")
    case = admissible_case()
    login_as(case.candidate)
    infected = b"%PDF-1.4\n% " + FakeClamd.EICAR + b"\n%%EOF\n"
    page = _upload(client, case.blocks[0], infected, "attestation.pdf", kind="document").get_data(as_text=True)
    assert "dangereux" in page
    assert db.session.scalar(select(StoredFile)) is None
    assert [p for p in Path(app.config["UPLOAD_DIR"]).rglob("*") if p.is_file()] == []
    clean = b"%PDF-1.4\n% attestation\n%%EOF\n"
    _upload(client, case.blocks[0], clean, "attestation.pdf", kind="document")
    assert db.session.scalar(select(StoredFile)) is not None


def test_an_unreachable_scanner_refuses_the_upload_with_a_message(app, client, db, admissible_case, login_as,
                                                                     tmp_path):
    app.config["CLAMD_SOCKET"] = str(tmp_path / "nobody-listens.sock")
    case = admissible_case()
    login_as(case.candidate)
    page = _upload(client, case.blocks[0], picture("PNG"), "photo.png").get_data(as_text=True)
    assert "réessayer" in page.lower() or "try again" in page.lower()
    assert db.session.scalar(select(StoredFile)) is None
