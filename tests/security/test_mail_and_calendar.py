"""Items 6 and 7: a CR or LF in a name neither stops the mail queue nor forges a calendar line."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from tests.support.smtp_sink import SmtpSink
from vae.jury.calendar import interview_event
from vae.models import OutboxMessage
from vae.outbox.queue import queue_mail
from vae.outbox.sending import send_pending

HOSTILE_TEXTS = ["Ann\rURL:https://evil.example/phish", "Ann\nURL:https://evil.example/phish",
                 "Ann\r\nURL:https://evil.example/phish", "a;b,c\\d", "x\r\n ATTENDEE:mailto:evil@example",
                 "tab\there", "\x0bvertical"]


def _unfold(ics: str) -> list[str]:
    assert "\n" not in ics.replace("\r\n", ""), "a bare LF would start a new line for lenient readers"
    assert "\r" not in ics.replace("\r\n", ""), "a bare CR would start a new line for lenient readers"
    return ics.replace("\r\n ", "").split("\r\n")[:-1]


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_text_in_a_calendar_stays_inside_its_property(text):
    ics = interview_event(uid="interview-1@vae.example", starts_at=datetime(2026, 12, 7, 9, tzinfo=timezone.utc),
                          minutes=45, summary=f"Entretien · {text}", location=text, description=text,
                          stamp=datetime(2026, 11, 27, tzinfo=timezone.utc))
    lines = _unfold(ics)
    names = [line.split(":", 1)[0] for line in lines]
    assert names == ["BEGIN", "VERSION", "PRODID", "CALSCALE", "METHOD", "BEGIN", "UID", "DTSTAMP", "DTSTART",
                     "DTEND", "SEQUENCE", "STATUS", "SUMMARY", "LOCATION", "DESCRIPTION", "END", "END"]
    values = {line.split(":", 1)[0]: line.split(":", 1)[1] for line in lines}
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text.replace("\r\n", "\n").replace("\r", "\n"))
    assert _unescape(values["LOCATION"]) == expected
    assert _unescape(values["SUMMARY"]) == f"Entretien · {expected}"


@pytest.fixture
def smtp(app):
    with SmtpSink() as sink:
        app.config.update(MAIL_SERVER=sink.host, MAIL_PORT=sink.port)
        yield sink


def test_a_message_that_cannot_be_built_is_dead_at_once_and_does_not_block_the_queue(app, db, make_user, smtp):
    victim = make_user("candidate", email="ann@example.org")
    behind = make_user("candidate", email="bob@example.org")
    broken = queue_mail(victim, "confirm_email", link="http://localhost/x")
    broken.subject = "Bonjour Ann\r\nBcc: everyone@example.org"  # as a name with a line break would make it
    queue_mail(behind, "confirm_email", link="http://localhost/y")
    db.session.commit()

    report = send_pending()

    assert report.sent == 1 and report.dead == 1
    assert [m["To"] for m in smtp.wait_for(1)] == ["bob@example.org"]
    db.session.expire_all()
    dead = db.session.get(OutboxMessage, broken.id)
    assert dead.state == "dead" and dead.last_error
    assert send_pending().sent == 0  # nothing left pending for ever


@pytest.mark.parametrize("value", ["Ann\rLee", "Ann\nLee", "Ann\r\nLee"])
def test_a_line_break_in_a_single_line_field_is_refused_by_the_form(client, db, login_as, value):
    user = login_as("candidate", first_name="Ann")
    response = client.post("/profile", data={"first_name": value, "last_name": "Lee", "phone": "",
                                        "locale": "fr"})
    db.session.refresh(user)
    assert user.first_name == "Ann"
    assert response.status_code in (200, 400)
