"""Long work started from the pages: the register import, the personal data archive, the deadline sweep.

On RQ with a throwaway redis-server and a real worker (`flask vae worker --burst`), and in-process
(no queue configured, as `make run`)."""
from __future__ import annotations

import io
import json
import zipfile

from redis import Redis
from rq import Queue
from sqlalchemy import func, select

from tests.catalog.register_samples import fiche_xml, register_xml
from vae.jobs.queue import QUEUE_NAME
from vae.models import AuditEvent, JobRun, Title
from vae.storage import blobs

TWO_TITLES_ONE_BROKEN = register_xml(fiche_xml("RNCP90001", label="Assistant de vie"),
                                     fiche_xml(None, label="Sans numéro"),
                                     fiche_xml("RNCP90002", label="Agent de propreté"))


def _work(runner, db) -> None:
    result = runner.invoke(args=["vae", "worker", "--burst"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()  # the worker wrote through its own session: the test's rows are read again


def _upload(client, raw: bytes, name: str = "export_fiches_RNCP.xml", **fields):
    return client.post("/catalog/register/import", data={"file": (io.BytesIO(raw), name), **fields},
                       content_type="multipart/form-data")


def _titles(db) -> set[str]:
    return set(db.session.scalars(select(Title.rncp_code)))


def test_an_uploaded_register_is_stored_then_imported_by_a_worker_and_its_report_shown(app, db, client, login_as,
                                                                                       runner, redis_url):
    app.config["REDIS_URL"] = redis_url
    login_as("admin")
    assert "Importer le répertoire RNCP" in client.get("/catalog/register/import").get_data(as_text=True)

    answer = _upload(client, TWO_TITLES_ONE_BROKEN)
    assert answer.status_code == 303 and "/admin/jobs/" in answer.headers["Location"]
    run = db.session.scalar(select(JobRun))
    assert run.kind == "rncp_import" and set(run.params) == {"sha256", "filename", "preview"}  # no bytes in params
    assert blobs.local_path(run.params["sha256"]).read_bytes() == TWO_TITLES_ONE_BROKEN  # stored by its hash
    waiting = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Mis en file" in waiting and f'data-job-status="/admin/jobs/{run.id}/status"' in waiting
    assert _titles(db) == set()  # nothing imported inside the request
    assert Queue(QUEUE_NAME, connection=Redis.from_url(redis_url)).count == 1

    _work(runner, db)

    assert _titles(db) == {"RNCP90001", "RNCP90002"}
    assert "Agent de propreté" in client.get("/catalog/?code=RNCP90002").get_data(as_text=True)
    status = client.get(f"/admin/jobs/{run.id}/status").get_json()
    assert (status["state"], status["finished"], status["done"], status["total"]) == ("done", True, 3, 3)
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Terminée" in page and "Rapport d’import" in page and "export_fiches_RNCP.xml" in page
    assert "<dt>Titres créés</dt><dd>2</dd>" in page and "<dt>Fiches écartées</dt><dd>1</dd>" in page
    assert "fiche #2 (no NUMERO_FICHE): the fiche has no number" in page
    assert 'http-equiv="refresh"' not in page


def test_a_broken_register_ends_in_a_failed_job_with_the_importers_message(app, db, client, login_as):
    login_as("admin")  # no queue configured: the job runs in-process, right after the commit
    answer = _upload(client, b"not xml at all", name="broken.xml", follow_redirects=True)
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    run = db.session.scalar(select(JobRun))
    assert (run.state, run.attempts, run.max_attempts) == ("dead", 1, 1)
    assert "En échec définitif" in page
    assert "broken.xml: not a well-formed XML file" in page and "Nothing was imported." in page
    assert _titles(db) == set()
    listing = client.get("/admin/jobs/").get_data(as_text=True)
    assert "not a well-formed XML file" in listing and f"/admin/jobs/{run.id}/retry" in listing  # a dead letter


def test_a_preview_shows_the_report_and_writes_nothing(app, db, client, login_as):
    login_as("admin")
    answer = _upload(client, TWO_TITLES_ONE_BROKEN, preview="y")
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Aperçu : rien n’a été enregistré dans le catalogue." in page
    assert "fiche #2 (no NUMERO_FICHE): the fiche has no number" in page
    assert _titles(db) == set()


def test_only_an_admin_imports_the_register(client, login_as, db):
    login_as("candidate")
    assert _upload(client, TWO_TITLES_ONE_BROKEN).status_code == 403
    assert db.session.scalar(select(func.count(JobRun.id))) == 0


def test_a_personal_data_archive_is_prepared_by_a_worker_mailed_and_downloadable_by_its_owner_only(
        app, db, client, login_as, make_user, runner, redis_url, smtp_sink):
    app.config.update(REDIS_URL=redis_url, MAIL_SEND_AFTER_COMMIT=True)
    owner_email = login_as("candidate").email
    answer = client.post("/privacy/my-data")
    assert answer.status_code == 303
    page_url = answer.headers["Location"]
    run_id = db.session.scalar(select(JobRun.id).where(JobRun.kind == "gdpr_export"))
    assert page_url.endswith(f"/privacy/my-data/{run_id}")
    waiting = client.get(page_url).get_data(as_text=True)
    assert "Votre archive est en préparation." in waiting and "Télécharger mon archive" not in waiting
    assert client.get(f"/privacy/my-data/{run_id}/archive").status_code == 404  # not ready yet

    _work(runner, db)  # the archive, then the sending pass it started

    [mail] = smtp_sink.wait_for(1)
    assert mail["To"] == owner_email and mail["Subject"] == "Votre archive de données personnelles est prête"
    assert f"/privacy/my-data/{run_id}" in mail.get_body(("plain",)).get_content()
    ready = client.get(page_url).get_data(as_text=True)
    assert "Votre archive est prête." in ready and f"/privacy/my-data/{run_id}/archive" in ready
    download = client.get(f"/privacy/my-data/{run_id}/archive")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    assert "no-store" in download.headers["Cache-Control"]
    data = json.loads(zipfile.ZipFile(io.BytesIO(download.data)).read("data.json"))
    assert data["account"]["email"] == owner_email

    for someone_else in (make_user("candidate"), make_user("admin")):
        login_as(someone_else)
        for url in (page_url, f"{page_url}/status", f"{page_url}/archive"):
            assert client.get(url).status_code == 404, url
        assert f"/privacy/my-data/{run_id}" not in client.get("/privacy/my-data").get_data(as_text=True)


def test_without_a_queue_the_archive_is_ready_at_once_and_downloaded(app, db, client, login_as):
    me = login_as("candidate")
    answer = client.post("/privacy/my-data")
    run = db.session.scalar(select(JobRun))
    assert answer.status_code == 303 and answer.headers["Location"].endswith(f"/privacy/my-data/{run.id}/archive")
    archive = zipfile.ZipFile(io.BytesIO(client.get(answer.headers["Location"]).data))
    assert json.loads(archive.read("data.json"))["account"]["email"] == me.email
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.event == "personal_data_exported", AuditEvent.actor_id == me.id)) == 1
    listed = client.get("/privacy/my-data").get_data(as_text=True)
    assert f"/privacy/my-data/{run.id}" in listed and "Terminée" in listed


def test_the_admin_runs_the_deadline_sweep_now(app, db, client, login_as):
    admin = login_as("admin")
    listing = client.get("/admin/jobs/").get_data(as_text=True)
    assert "Lancer maintenant le contrôle des échéances" in listing
    answer = client.post("/admin/jobs/deadline-sweep")
    run = db.session.scalar(select(JobRun))
    assert answer.status_code == 303 and answer.headers["Location"].endswith(f"/admin/jobs/{run.id}")
    assert (run.kind, run.state, run.requested_by_id) == ("deadline_sweep", "done", admin.id)
    assert "stale temporary uploads removed" in client.get(answer.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.event == "job_requested")).actor_id == admin.id


def test_the_job_page_polls_its_status_with_a_script_file_and_no_inline_script(app, db, client, login_as, redis_url):
    app.config["REDIS_URL"] = redis_url
    login_as("admin")
    answer = client.post("/admin/jobs/deadline-sweep")
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert 'src="/static/js/job_progress.js"' in page and "<script>" not in page
    assert '<noscript><meta http-equiv="refresh"' in page  # the same without script
    status = client.get(answer.headers["Location"] + "/status")
    assert status.headers["Cache-Control"] == "no-store"
    assert status.get_json() == {"state": "queued", "label": "Mis en file", "done": 0, "total": 0, "finished": False}


def test_a_larger_register_counts_every_fiche(app, db, client, login_as, tmp_path):
    """Past NOTE_EVERY fiches the count is also written beside the import's transaction (PostgreSQL)."""
    from tests.catalog.register_samples import write_generated_register
    from vae.catalog.jobs import NOTE_EVERY

    path = tmp_path / "register.xml"
    write_generated_register(path, NOTE_EVERY * 2 + 7)
    login_as("admin")
    answer = _upload(client, path.read_bytes())
    run = db.session.scalar(select(JobRun))
    assert (run.state, run.done, run.total) == ("done", NOTE_EVERY * 2 + 7, NOTE_EVERY * 2 + 7)
    assert len(_titles(db)) == NOTE_EVERY * 2 + 7
    assert f"<dt>Titres créés</dt><dd>{NOTE_EVERY * 2 + 7}</dd>" in client.get(answer.headers["Location"]).get_data(
        as_text=True)
