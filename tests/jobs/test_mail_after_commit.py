"""Mail leaves after the commit that queued it, through a `send_mail` job (vae/notify/dispatch.py):
on a worker when a queue is configured, in-process otherwise."""
from __future__ import annotations

from redis import Redis
from rq import Queue
from sqlalchemy import func, select

from vae.extensions import db as _db
from vae.jobs.queue import QUEUE_NAME
from vae.models import JobRun, OutboxMessage
from vae.notify.dispatch import send_committed_mail
from vae.outbox.queue import queue_mail


def _forgot(client, email: str):
    return client.post("/auth/password/forgot", data={"email": email})


def _outbox_states(db) -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage.state).order_by(OutboxMessage.id)))


def test_mail_queued_by_a_page_is_sent_by_the_worker(app, db, client, make_user, runner, redis_url, smtp_sink):
    app.config.update(REDIS_URL=redis_url, MAIL_SEND_AFTER_COMMIT=True)
    person = make_user("candidate")
    email = person.email

    assert _forgot(client, email).status_code == 302
    assert _outbox_states(db) == ["pending"] and smtp_sink.messages == []  # the request sent nothing
    assert Queue(QUEUE_NAME, connection=Redis.from_url(redis_url)).count == 1
    assert db.session.scalar(select(JobRun.kind)) == "send_mail"

    result = runner.invoke(args=["vae", "worker", "--burst"])
    assert result.exit_code == 0, result.output

    [mail] = smtp_sink.wait_for(1)
    assert mail["To"] == email
    assert _outbox_states(db) == ["sent"]


def test_a_second_page_before_the_worker_runs_adds_no_second_sending_job(app, db, client, make_user, runner,
                                                                        redis_url, smtp_sink):
    app.config.update(REDIS_URL=redis_url, MAIL_SEND_AFTER_COMMIT=True)
    first, second = make_user("candidate").email, make_user("candidate").email
    _forgot(client, first)
    _forgot(client, second)
    assert db.session.scalar(select(func.count(JobRun.id))) == 1  # the queued pass will read both
    runner.invoke(args=["vae", "worker", "--burst"])
    assert sorted(m["To"] for m in smtp_sink.wait_for(2)) == sorted([first, second])


def test_without_a_queue_the_mail_is_sent_in_process_after_the_commit(app, db, client, make_user, smtp_sink):
    app.config["MAIL_SEND_AFTER_COMMIT"] = True
    email = make_user("candidate").email
    _forgot(client, email)
    [mail] = smtp_sink.wait_for(1)
    assert mail["To"] == email
    assert _outbox_states(db) == ["sent"]
    run = db.session.scalar(select(JobRun))
    assert (run.kind, run.state) == ("send_mail", "done")


def test_mail_of_a_rolled_back_change_is_never_sent(app, db, make_user, smtp_sink):
    app.config["MAIL_SEND_AFTER_COMMIT"] = True
    person = make_user("candidate")
    queue_mail(person, "password_reset", link="http://localhost/x")
    _db.session.flush()
    _db.session.rollback()
    make_user("candidate")  # a later commit that queued no mail
    assert send_committed_mail() is None
    assert db.session.scalar(select(func.count(JobRun.id))) == 0
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0 and smtp_sink.messages == []


def test_with_sending_after_the_commit_off_only_the_cron_pass_sends(app, db, client, make_user, runner, smtp_sink):
    assert app.config["MAIL_SEND_AFTER_COMMIT"] is False  # the tests' default (config.TestConfig)
    _forgot(client, make_user("candidate").email)
    assert _outbox_states(db) == ["pending"] and db.session.scalar(select(func.count(JobRun.id))) == 0
    assert "sent: 1" in runner.invoke(args=["vae", "send-mail"]).output
    assert len(smtp_sink.wait_for(1)) == 1
