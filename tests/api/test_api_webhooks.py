"""Webhooks: written with the change (outbox), sent after commit, signed, retried with backoff, visible to staff."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.api.receiver import Receiver
from vae.api.webhooks import SIGNATURE_HEADER, verify_signature
from vae.core.clock import now
from vae.models import WebhookDelivery


def _admissible(db, case_factory, make_user):
    from vae.workflows.case import CASE

    admin = make_user("admin")
    case = case_factory()
    assert CASE.fire(case, "submit", actor=case.candidate).ok
    assert CASE.fire(case, "declare_admissible", actor=admin).ok
    return case, admin


def _subscribe(api, url, events=("case.admissible", "block.decided", "certificate.issued", "certificate.revoked")):
    return api.ok(api.post("/webhooks", {"url": url, "events": list(events)}), 201)


def test_an_admissible_case_is_delivered_signed_to_the_subscriber(db, case_factory, make_user, api_as, runner):
    admin = make_user("admin")
    api = api_as(admin)
    with Receiver() as receiver:
        subscription = _subscribe(api, receiver.url)
        assert len(subscription["secret"]) >= 16  # shown once
        assert "secret" not in str(api.ok(api.get("/webhooks"))["items"][0].get("secret") or "")
        case, _admin = _admissible(db, case_factory, make_user)
        db.session.commit()
        case_id = case.id
        pending = db.session.scalars(select(WebhookDelivery)).all()
        assert [(d.event, d.state) for d in pending] == [("case.admissible", "pending")]

        result = runner.invoke(args=["vae", "send-webhooks"])
        assert "webhooks sent: 1" in result.output, result.output
    [hit] = receiver.received
    assert hit.json["type"] == "case.admissible" and hit.json["data"]["case_id"] == case_id
    assert hit.headers["X-VAE-Event"] == "case.admissible"
    assert verify_signature(subscription["secret"], hit.headers[SIGNATURE_HEADER], hit.body)
    assert not verify_signature("another secret......", hit.headers[SIGNATURE_HEADER], hit.body)
    delivery = db.session.scalar(select(WebhookDelivery))
    db.session.refresh(delivery)
    assert delivery.state == "sent" and delivery.last_status == 200


def test_a_rolled_back_change_sends_nothing(db, case_factory, make_user, api_as):
    _subscribe(api_as(make_user("admin")), "http://127.0.0.1:9/never")
    _admissible(db, case_factory, make_user)
    db.session.rollback()
    assert db.session.scalars(select(WebhookDelivery)).all() == []


def test_a_failing_receiver_is_retried_with_backoff_then_given_up(app, db, case_factory, make_user, api_as, runner):
    app.config.update(WEBHOOK_MAX_ATTEMPTS=3, WEBHOOK_RETRY_BASE_SECONDS=60)
    api = api_as(make_user("admin"))
    with Receiver(status=503) as receiver:
        _subscribe(api, receiver.url, events=["case.admissible"])
        _admissible(db, case_factory, make_user)
        db.session.commit()
        waits = []
        for attempt in range(1, 4):
            started = now()
            runner.invoke(args=["vae", "send-webhooks"])
            delivery = db.session.scalar(select(WebhookDelivery))
            db.session.refresh(delivery)
            assert delivery.attempts == attempt and delivery.last_status == 503
            if attempt < 3:
                assert delivery.state == "failed"
                waits.append(round((delivery.next_attempt_at - started).total_seconds() / 60))
                delivery.next_attempt_at = now() - timedelta(seconds=1)  # time passes
                db.session.commit()
        assert delivery.state == "dead"
        assert waits == [1, 2]  # 60 s, then 120 s
        assert len(receiver.received) == 3
        # Certifier staff see it, on the API and on their page.
        [seen] = api.ok(api.get("/webhook-deliveries"))["items"]
        assert seen["state"] == "dead" and seen["last_error"] == "HTTP 503"
    page = api.client.get("/admin/webhooks?state=dead")
    assert page.status_code in (302, 401, 403)  # a token is not a browser session


def test_staff_see_deliveries_on_their_page(db, client, login_as, make_user, case_factory, api_as):
    admin = login_as("admin")
    _subscribe(api_as(admin), "http://127.0.0.1:9/hooks", events=["case.admissible"])
    _admissible(db, case_factory, make_user)
    db.session.commit()
    page = client.get("/admin/webhooks")
    assert page.status_code == 200 and b"case.admissible" in page.data and b"127.0.0.1:9/hooks" in page.data
