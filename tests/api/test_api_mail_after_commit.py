"""An API call that queues mail sends it after its own commit, as a page does (vae/notify/dispatch.py)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.notify.conftest import smtp_sink  # noqa: F401
from vae.core.clock import now
from vae.models import JobRun, OutboxMessage


def _interview_booked_through_the_api(app, case_in, make_user, api_as):
    case = case_in("admissible", blocks="submitted")
    as_admin = api_as(make_user("admin"))
    session = as_admin.ok(as_admin.post("/jury-sessions", {
        "title_id": case.title_id, "starts_at": (now() + timedelta(days=7)).isoformat(), "location": "Lyon"}), 201)
    for qualification in ("practising_professional", "trainer"):
        as_admin.ok(as_admin.post(f"/jury-sessions/{session['id']}/members",
                                  {"user_id": make_user("jury").id, "qualification": qualification}), 201)
    as_admin.ok(as_admin.post(f"/jury-sessions/{session['id']}/interviews", {
        "case_id": case.id, "starts_at": (now() + timedelta(days=7)).isoformat()}), 201)
    return case


def test_the_convocation_of_an_interview_booked_through_the_api_is_sent(app, db, case_in, make_user, api_as,
                                                                         smtp_sink):  # noqa: F811
    app.config["MAIL_SEND_AFTER_COMMIT"] = True
    case = _interview_booked_through_the_api(app, case_in, make_user, api_as)

    delivered = smtp_sink.wait_for(1)
    assert case.candidate.email in [mail["To"] for mail in delivered]
    db.session.expire_all()
    assert set(db.session.scalars(select(OutboxMessage.state))) == {"sent"}
    sending = list(db.session.scalars(select(JobRun.state).where(JobRun.kind == "send_mail")))
    assert sending and set(sending) == {"done"}  # a sending job, run in-process (no queue configured)


def test_with_sending_after_the_commit_off_the_api_leaves_the_mail_in_the_outbox(app, db, case_in, make_user,
                                                                                 api_as, smtp_sink):  # noqa: F811
    assert app.config["MAIL_SEND_AFTER_COMMIT"] is False  # the tests' default: cron's `flask vae send-mail`
    _interview_booked_through_the_api(app, case_in, make_user, api_as)
    db.session.expire_all()
    assert "pending" in set(db.session.scalars(select(OutboxMessage.state)))
    assert smtp_sink.messages == []
