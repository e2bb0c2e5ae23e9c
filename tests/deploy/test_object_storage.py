"""Evidence files on S3-compatible object storage (STORAGE_BACKEND=s3), against moto's S3 server
started here on a loopback port: stored once per content, private, served only by the checked route."""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.candidate.conftest import admissible_case  # noqa: F401
from tests.deploy.servers import free_port
from vae.models import Evidence, StoredFile

BUCKET = "vae-evidence"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret"}
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1",
                                    "-p", str(port)], stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/moto-api/", timeout=1)
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail("moto_server did not start:\n" + log.read_text(errors="replace"))
                time.sleep(0.1)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


@pytest.fixture
def s3(app, s3_endpoint, monkeypatch):
    """The app on a fresh bucket; returns a boto3 client to look inside it."""
    import boto3

    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    for listed in client.list_buckets().get("Buckets", []):  # a bucket per test: empty it first
        for item in client.list_objects_v2(Bucket=listed["Name"]).get("Contents", []):
            client.delete_object(Bucket=listed["Name"], Key=item["Key"])
        client.delete_bucket(Bucket=listed["Name"])
    client.create_bucket(Bucket=BUCKET)
    app.config.update(STORAGE_BACKEND="s3", S3_BUCKET=BUCKET, S3_ENDPOINT_URL=s3_endpoint, S3_REGION="us-east-1",
                      S3_PREFIX="evidence/")
    return client


def _upload(client, case_block, data: bytes, name: str):
    return client.post(f"/blocks/{case_block.id}/evidence", data={
        "competence_id": case_block.block.competences[0].id, "kind": "document", "title": name, "body": "",
        "file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def _keys(s3) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_an_upload_lands_in_the_bucket_and_comes_back_only_through_the_checked_route(app, db, client, login_as,
                                                                                     admissible_case, s3):
    case = admissible_case()
    login_as(case.candidate)
    assert _upload(client, case.blocks[0], PDF, "attestation.pdf").status_code == 302

    stored = db.session.scalar(select(StoredFile))
    assert _keys(s3) == [f"evidence/{stored.sha256[:2]}/{stored.sha256}"]
    upload_dir = Path(app.config["UPLOAD_DIR"])
    assert not (upload_dir / stored.sha256[:2]).exists()  # nothing kept on this app server's disk
    assert list((upload_dir / "tmp").iterdir()) == []
    grants = s3.get_object_acl(Bucket=BUCKET, Key=_keys(s3)[0])["Grants"]
    assert not [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")]  # never public

    evidence = db.session.scalar(select(Evidence).where(Evidence.file_id == stored.id))
    answer = client.get(f"/files/evidence/{evidence.id}")
    assert answer.status_code == 200 and answer.data == PDF
    assert answer.headers["Content-Type"] == "application/pdf"
    assert answer.headers["Cache-Control"] == "private, no-store" and "attachment" in answer.headers[
        "Content-Disposition"]

    login_as("candidate")  # another candidate: as if the file did not exist
    assert client.get(f"/files/evidence/{evidence.id}").status_code == 404
    login_as("mentor")  # a mentor not assigned to this case
    assert client.get(f"/files/evidence/{evidence.id}").status_code == 404


def test_the_same_bytes_are_stored_once(db, client, login_as, admissible_case, s3):
    case = admissible_case()
    login_as(case.candidate)
    _upload(client, case.blocks[0], PDF, "first.pdf")
    _upload(client, case.blocks[1], PDF, "again.pdf")
    other = admissible_case()
    login_as(other.candidate)
    _upload(client, other.blocks[0], PDF, "mine.pdf")

    assert db.session.scalar(select(func.count(Evidence.id)).where(Evidence.file_id.is_not(None))) == 3
    assert db.session.scalar(select(func.count(StoredFile.id))) == 1
    assert len(_keys(s3)) == 1


def test_a_missing_object_is_a_404_not_an_error(db, client, login_as, admissible_case, s3):
    case = admissible_case()
    login_as(case.candidate)
    _upload(client, case.blocks[0], PDF, "attestation.pdf")
    s3.delete_object(Bucket=BUCKET, Key=_keys(s3)[0])
    evidence = db.session.scalar(select(Evidence).where(Evidence.file_id.is_not(None)))
    assert client.get(f"/files/evidence/{evidence.id}").status_code == 404


def test_the_personal_data_archive_holds_the_files_kept_in_the_bucket(app, db, client, login_as, admissible_case, s3):
    import zipfile

    case = admissible_case()
    login_as(case.candidate)
    _upload(client, case.blocks[0], PDF, "attestation.pdf")
    archive = client.post("/privacy/my-data", follow_redirects=True)
    assert archive.status_code == 200
    with zipfile.ZipFile(io.BytesIO(archive.data)) as opened:
        files = [name for name in opened.namelist() if name.startswith("files/")]
        assert len(files) == 1 and opened.read(files[0]) == PDF
