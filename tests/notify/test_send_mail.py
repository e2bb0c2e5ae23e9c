"""`flask vae send-mail` against real SMTP servers on localhost."""
from __future__ import annotations

from datetime import timedelta

from freezegun import freeze_time

from vae.core.clock import now
from vae.models import OutboxMessage
from vae.outbox.queue import queue_mail
from vae.outbox.sending import claim, send_pending

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//VAE//test//FR\r\nBEGIN:VEVENT\r\nUID:interview-1@vae\r\n" \
      "DTSTART:20300115T090000Z\r\nSUMMARY:Entretien\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"


def _queue(db, user, **kw):
    message = queue_mail(user, "password_reset", link="http://localhost/reset/abc", **kw)
    db.session.commit()
    return message


def test_a_queued_mail_arrives_as_text_and_html_with_its_ics_attachment(app, db, make_user, smtp_sink, runner):
    user = make_user("candidate", email="camille@example.org", locale="fr")
    _queue(db, user, attachments=[{"filename": "entretien.ics", "content_type": "text/calendar; method=REQUEST",
                                   "content": ICS}])

    result = runner.invoke(args=["vae", "send-mail"])

    assert "sent: 1" in result.output, result.output
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "camille@example.org"
    assert smtp_sink.envelopes[0].rcpt_tos == ["camille@example.org"]
    assert message.get_content_type() == "multipart/mixed"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "http://localhost/reset/abc" in text and 'href="http://localhost/reset/abc"' in html
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == "entretien.ics"
    assert "BEGIN:VEVENT" in attachment.get_content() and "UID:interview-1@vae" in attachment.get_content()
    row = db.session.get(OutboxMessage, 1)
    db.session.refresh(row)
    assert row.state == "sent" and row.sent_at is not None and row.attempts == 1


def test_each_recipient_reads_the_mail_in_their_own_language(app, db, make_user, smtp_sink):
    french = make_user("candidate", email="fr@example.org", locale="fr")
    english = make_user("candidate", email="en@example.org", locale="en")
    _queue(db, french)
    _queue(db, english)

    send_pending()

    by_address = {m["To"]: m for m in smtp_sink.wait_for(2)}
    fr, en = by_address["fr@example.org"], by_address["en@example.org"]
    assert fr["Content-Language"] == "fr" and en["Content-Language"] == "en"
    assert "Bonjour" in fr.get_body(("plain",)).get_content()
    assert "Hello" in en.get_body(("plain",)).get_content()
    assert fr["Subject"] != en["Subject"]


def test_login_is_used_when_configured(app, db, make_user, smtp_sink):
    app.config.update(MAIL_USERNAME="mailer", MAIL_PASSWORD="secret")
    _queue(db, make_user("candidate"))
    send_pending()
    smtp_sink.wait_for(1)
    assert smtp_sink.envelopes[0].login == "mailer"


def test_a_refused_message_is_retried_with_growing_delays_then_dead(app, db, make_user, refusing_smtp):
    app.config.update(MAIL_MAX_ATTEMPTS=3, MAIL_RETRY_BASE_SECONDS=60)
    message = _queue(db, make_user("candidate"))
    start = now()
    with freeze_time(start) as clock:
        report = send_pending()
        db.session.refresh(message)
        assert report.failed == 1 and message.state == "failed" and message.attempts == 1
        assert "550" in message.last_error
        assert message.next_attempt_at == start + timedelta(seconds=60)

        assert send_pending().failed == 0  # not due yet: nothing tried
        db.session.refresh(message)
        assert message.attempts == 1

        clock.tick(timedelta(seconds=61))
        send_pending()
        db.session.refresh(message)
        assert message.attempts == 2 and message.next_attempt_at == now() + timedelta(seconds=120)

        clock.tick(timedelta(seconds=121))
        report = send_pending()
        db.session.refresh(message)
        assert report.dead == 1 and message.state == "dead" and message.attempts == 3

        clock.tick(timedelta(days=30))
        assert send_pending().dead == 0  # dead letters are never tried again by themselves


def test_an_unreachable_server_fails_the_message_without_losing_it(app, db, make_user, closed_port):
    message = _queue(db, make_user("candidate"))
    report = send_pending()
    db.session.refresh(message)
    assert report.failed == 1 and message.state == "failed"
    assert "Connection refused" in message.last_error or "Errno" in message.last_error


def test_a_claimed_message_cannot_be_claimed_again(app, db, make_user):
    """Two senders racing: only the first conditional UPDATE wins the row."""
    message = _queue(db, make_user("candidate"))
    first = claim(message.id)
    second = claim(message.id)
    assert first is not None and second is None
    db.session.refresh(message)
    assert message.attempts == 1 and message.next_attempt_at > now()


def test_two_passes_send_each_message_once(app, db, make_user, smtp_sink):
    for _ in range(3):
        _queue(db, make_user("candidate"))
    assert send_pending().sent == 3
    assert send_pending().sent == 0
    assert len(smtp_sink.wait_for(3)) == 3
    assert len(smtp_sink.messages) == 3
