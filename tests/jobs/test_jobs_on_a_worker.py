"""Jobs on the real queue engine: RQ on a throwaway redis-server, run by a real worker (`flask vae worker`).

And the same jobs with no queue configured: in-process, right after the commit (`make run`).
"""
from __future__ import annotations

import json

from redis import Redis
from rq import Queue
from rq.registry import FailedJobRegistry
from sqlalchemy import func, select

from vae.jobs.queue import QUEUE_NAME
from vae.models import AuditEvent, Case, Certificate, JobRun

VANISHED_USER = 987_654  # a GDPR export asked for someone since erased: every attempt fails


def _certificates(db) -> int:
    return db.session.scalar(select(func.count(Certificate.id)))


def _signed_session(case_factory, jury_validates):
    case = case_factory(block_codes=("RNCP37780BC01", "RNCP37780BC02"))
    return case, jury_validates(case)


def _work(runner) -> None:
    result = runner.invoke(args=["vae", "worker", "--burst"])
    assert result.exit_code == 0, result.output


def test_a_certificate_batch_waits_for_a_worker_then_the_admin_sees_it_done(app, db, client, login_as, runner,
                                                                            case_factory, jury_validates, redis_url):
    app.config["REDIS_URL"] = redis_url
    case, session = _signed_session(case_factory, jury_validates)
    case_id, blocks = case.id, len(case.blocks)
    login_as(jury_validates.admin)

    answer = client.post(f"/admin/certification/sessions/{session.id}/issue")
    assert answer.status_code == 302 and "/admin/jobs/" in answer.headers["Location"]
    waiting = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Mis en file" in waiting and 'http-equiv="refresh"' in waiting  # the page refreshes itself
    assert _certificates(db) == 0  # nothing was issued inside the request
    assert Queue(QUEUE_NAME, connection=Redis.from_url(redis_url)).count == 1

    _work(runner)

    assert db.session.scalar(select(func.count(Certificate.id)).where(Certificate.kind == "block")) == blocks
    done = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Terminée" in done and f"{blocks} / {blocks}" in done and 'http-equiv="refresh"' not in done
    assert {b.state for b in db.session.get(Case, case_id).blocks} == {"certified"}


def test_a_failing_job_is_retried_then_dead_lettered_and_the_admin_can_retry_it(app, db, client, login_as, runner,
                                                                               make_user, redis_url):
    app.config["REDIS_URL"] = redis_url
    queued = runner.invoke(args=["vae", "enqueue", "gdpr_export", "--params", json.dumps({"user_id": VANISHED_USER})])
    assert queued.exit_code == 0 and "queued" in queued.output

    _work(runner)

    db.session.expire_all()
    run = db.session.scalar(select(JobRun))
    assert (run.state, run.attempts, run.max_attempts) == ("dead", 3, 3)  # RQ ran every retry, then gave up
    assert "no such user" in run.last_error
    assert FailedJobRegistry(QUEUE_NAME, connection=Redis.from_url(redis_url)).count == 1

    admin = login_as("admin")
    listing = client.get("/admin/jobs/").get_data(as_text=True)
    assert "En échec définitif" in listing and "no such user" in listing and f"/admin/jobs/{run.id}/retry" in listing

    assert client.post(f"/admin/jobs/{run.id}/retry").status_code == 302
    run = db.session.get(JobRun, run.id)
    assert (run.state, run.attempts) == ("queued", 0)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.event == "job_retried")).actor_id == admin.id
    _work(runner)  # still failing: dead again after a fresh set of attempts
    run = db.session.get(JobRun, run.id)
    assert (run.state, run.attempts) == ("dead", 3)


def test_a_dead_job_retried_once_its_cause_is_fixed_ends_done(app, db, runner, make_user, redis_url, tmp_path):
    """An export that cannot write (its directory is a file) dies; retried once the directory is fixed, it is done."""
    app.config["REDIS_URL"] = redis_url
    blocked = tmp_path / "exports"
    blocked.write_text("not a directory")
    app.config["EXPORT_DIR"] = str(blocked)
    person_id = make_user("candidate").id
    assert runner.invoke(args=["vae", "enqueue", "gdpr_export", "--params",
                               json.dumps({"user_id": person_id})]).exit_code == 0
    # One worker pass runs all three attempts; with the path still wrong the job dies.
    _work(runner)
    db.session.expire_all()
    run = db.session.scalar(select(JobRun))
    assert run.state == "dead"

    blocked.unlink()
    from vae.jobs.queue import retry, start

    retry(run)
    db.session.commit()
    start(run)
    _work(runner)
    run = db.session.scalar(select(JobRun))
    assert (run.state, run.attempts) == ("done", 1)
    assert (blocked / f"user-{person_id}-job-{run.id}.zip").stat().st_size > 0


def test_without_a_queue_jobs_run_in_process_after_the_commit(app, db, client, login_as, runner,
                                                               case_factory, jury_validates):
    assert not app.config.get("REDIS_URL") and not app.config.get("JOB_QUEUE_URL")
    case, session = _signed_session(case_factory, jury_validates)
    login_as(jury_validates.admin)

    answer = client.post(f"/admin/certification/sessions/{session.id}/issue", follow_redirects=True)
    assert "Toutes les attestations de cette session sont délivrées." in answer.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Certificate.id)).where(Certificate.kind == "block")) == 2
    run = db.session.scalar(select(JobRun))
    assert (run.kind, run.state, run.done, run.total) == ("certificate_batch", "done", 2, 2)

    failing = runner.invoke(args=["vae", "enqueue", "gdpr_export", "--params", json.dumps({"user_id": VANISHED_USER})])
    assert "dead" in failing.output
    worker = runner.invoke(args=["vae", "worker", "--burst"])
    assert worker.exit_code != 0 and "no queue configured" in worker.output
