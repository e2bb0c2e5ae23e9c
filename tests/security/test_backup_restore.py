"""`flask vae backup` then `flask vae restore` into an empty place: same cases, files, journal."""
from __future__ import annotations

import itertools
from pathlib import Path

from sqlalchemy import select

from vae.models import AuditEvent, Case, StoredFile
from vae.workflows.case import CASE

_names = itertools.count()


def _snapshot(db):
    return {
        "cases": [(c.id, c.candidate.email, c.state, c.version) for c in db.session.scalars(select(Case).order_by(Case.id))],
        "files": [f.sha256 for f in db.session.scalars(select(StoredFile).order_by(StoredFile.id))],
        "journal": [(a.id, a.event, a.subject_type, a.subject_id) for a in
                    db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))],
    }


def _empty_place(tmp_path: Path, pg_cluster) -> tuple[str, Path]:
    place = tmp_path / "restored"
    place.mkdir()
    if pg_cluster is not None:
        return pg_cluster.create_database(f"restored_{next(_names)}"), place
    return f"sqlite:///{place / 'vae.sqlite3'}", place


def test_backup_then_restore_into_an_empty_place(app, db, runner, world, tmp_path, pg_cluster):
    from tests.conftest import _make_app

    CASE.fire(world.case("own"), "submit", actor=world.user("candidate"))
    db.session.commit()
    uploads = Path(app.config["UPLOAD_DIR"])
    stored = world.evidence["own"].file
    (uploads / stored.sha256[:2]).mkdir(parents=True, exist_ok=True)
    (uploads / stored.sha256[:2] / stored.sha256).write_bytes(b"%PDF attestation")
    before = _snapshot(db)

    result = runner.invoke(args=["vae", "backup", str(tmp_path / "backup")])
    assert result.exit_code == 0, result.output

    url, place = _empty_place(tmp_path, pg_cluster)
    restored_app = _make_app(url, place / "instance", UPLOAD_DIR=str(place / "uploads"))
    with restored_app.app_context():  # the CLI uses the current app: make it the restored one
        from vae.extensions import db as restored_db

        result = restored_app.test_cli_runner().invoke(args=["vae", "restore", str(tmp_path / "backup")])
        assert result.exit_code == 0, result.output
        assert _snapshot(restored_db) == before
        restored_db.session.remove()
        restored_db.engine.dispose()
    assert (place / "uploads" / stored.sha256[:2] / stored.sha256).read_bytes() == b"%PDF attestation"


def test_a_damaged_backup_is_refused(app, runner, world, tmp_path):
    result = runner.invoke(args=["vae", "backup", str(tmp_path / "backup")])
    assert result.exit_code == 0, result.output
    database = next(p for p in (tmp_path / "backup").iterdir() if p.name.startswith("database"))
    database.write_bytes(database.read_bytes()[:-10] + b"0123456789")
    result = runner.invoke(args=["vae", "restore", str(tmp_path / "backup")])
    assert result.exit_code != 0 and "damaged" in result.output


def test_backup_refuses_a_non_empty_destination(runner, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "keep.txt").write_text("x")
    result = runner.invoke(args=["vae", "backup", str(tmp_path / "backup")])
    assert result.exit_code != 0 and "not empty" in result.output
