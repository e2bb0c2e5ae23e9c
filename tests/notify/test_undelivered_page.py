"""Admins see failing and dead messages and can send them again."""
from __future__ import annotations

from sqlalchemy import select

from vae.models import AuditEvent, OutboxMessage
from vae.outbox.queue import queue_mail


def _dead_message(db, make_user):
    message = queue_mail(make_user("candidate", email="lost@example.org"), "password_reset", link="http://x/r")
    message.state, message.attempts, message.last_error = "dead", 6, "SMTPRecipientsRefused: 550 unknown"
    db.session.commit()
    return message


def test_admin_lists_dead_mail_and_retries_it(db, make_user, client, login_as, smtp_sink):
    message = _dead_message(db, make_user)
    admin = login_as("admin")
    page = client.get("/admin/mail/").get_data(as_text=True)
    assert "lost@example.org" in page and "550 unknown" in page
    assert "1 e-mail" in client.get("/home").get_data(as_text=True)

    response = client.post(f"/admin/mail/{message.id}/retry", follow_redirects=True)
    assert "sera renvoyé au prochain passage" in response.get_data(as_text=True)
    db.session.refresh(message)
    assert message.state == "pending" and message.attempts == 0
    [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.event == "retry_mail")).all()
    assert event.actor_id == admin.id and event.from_state == "dead"

    from vae.outbox.sending import send_pending
    assert send_pending().sent == 1
    assert smtp_sink.wait_for(1)[0]["To"] == "lost@example.org"
    after = client.get("/admin/mail/").get_data(as_text=True)
    assert "lost@example.org" not in after and "Tous les messages ont été remis." in after


def test_retry_needs_the_csrf_token(app, db, make_user, client, login_as):
    message = _dead_message(db, make_user)
    login_as("admin")
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(f"/admin/mail/{message.id}/retry").status_code == 400
    db.session.refresh(message)
    assert message.state == "dead"


def test_only_admins_see_undelivered_mail(db, make_user, client, login_as):
    message = _dead_message(db, make_user)
    login_as("mentor")
    assert client.get("/admin/mail/").status_code == 403
    assert client.post(f"/admin/mail/{message.id}/retry").status_code == 403
    assert db.session.get(OutboxMessage, message.id).state == "dead"
