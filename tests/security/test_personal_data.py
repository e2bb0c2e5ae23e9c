"""GDPR: a person downloads everything held about them; abandoned cases are erased after the
retention period while awards and credentials stay verifiable."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

from freezegun import freeze_time
from sqlalchemy import func, select

from vae.core.clock import now
from vae.models import AuditEvent, BlockAward, Case, Evidence, Experience, StoredFile, User
from vae.workflows.case import CASE


def _store(app, stored: StoredFile, content: bytes) -> Path:
    path = Path(app.config["UPLOAD_DIR"]) / stored.sha256[:2] / stored.sha256
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_a_candidate_downloads_everything_held_about_them(app, db, client, world, as_actor):
    _store(app, world.evidence["own"].file, b"%PDF my attestation")
    _store(app, world.evidence["other"].file, b"%PDF someone else's")
    as_actor(world, "candidate")
    assert client.get("/privacy/my-data").status_code == 200
    response = client.post("/privacy/my-data", follow_redirects=True)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    data = json.loads(archive.read("data.json"))
    me = world.user("candidate")
    assert data["account"]["email"] == me.email and "password_hash" not in data["account"]
    assert [c["id"] for c in data["cases"]] == [world.case("own").id]
    assert data["cases"][0]["experiences"][0]["employer"] == "Mme Dupont"
    files = [n for n in archive.namelist() if n.startswith("files/")]
    assert len(files) == 1 and archive.read(files[0]) == b"%PDF my attestation"
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.event == "personal_data_exported", AuditEvent.actor_id == me.id)) == 1


def _abandon(db, case):
    CASE.fire(case, "abandon", actor=None)
    db.session.commit()


def test_abandoned_cases_are_erased_after_the_retention_period(app, db, runner, world):
    case = world.case("own")
    path = _store(app, world.evidence["own"].file, b"%PDF attestation")
    candidate_id, evidence_id = case.candidate_id, world.evidence["own"].id
    other = world.case("other")
    with freeze_time(now() - timedelta(days=400)):
        _abandon(db, case)
    _abandon(db, other)  # abandoned today: kept
    result = runner.invoke(args=["vae", "erase-expired-personal-data", "--days", "365"])
    assert result.exit_code == 0, result.output
    erased = db.session.get(Case, case.id)
    assert erased.personal_data_erased_at is not None and erased.state == "abandoned"
    assert db.session.scalar(select(func.count(Experience.id)).where(Experience.case_id == case.id)) == 0
    assert db.session.get(Evidence, evidence_id) is None and not path.exists()
    person = db.session.get(User, candidate_id)
    assert person.email.endswith("@invalid") and not person.active and person.password_hash is None
    assert db.session.get(Case, other.id).personal_data_erased_at is None
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.event == "personal_data_erased")) == 2  # the case and the account
    # Idempotent: a second run finds nothing more.
    assert "cases erased: 0" in runner.invoke(args=["vae", "erase-expired-personal-data", "--days", "365"]).output


def test_a_person_with_an_award_keeps_their_identity(app, db, runner, world, titles):
    case = world.case("own")
    award = BlockAward(candidate=case.candidate, block=case.blocks[1].block, source="jury")
    db.session.add(award)
    db.session.commit()
    with freeze_time(now() - timedelta(days=400)):
        _abandon(db, case)
    runner.invoke(args=["vae", "erase-expired-personal-data", "--days", "365"])
    person = db.session.get(User, case.candidate_id)
    assert not person.email.endswith("@invalid") and person.last_name
    assert db.session.get(BlockAward, award.id) is not None
    assert db.session.get(Case, case.id).personal_data_erased_at is not None
