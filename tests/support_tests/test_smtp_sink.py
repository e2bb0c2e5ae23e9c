import smtplib
from email.message import EmailMessage

import pytest

from tests.support.smtp_sink import SmtpSink


@pytest.fixture
def sink():
    with SmtpSink() as sink:
        yield sink


def make_message(subject="Votre attestation"):
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = "certification@example.org"
    msg["To"] = "candidate@example.org"
    msg.set_content("Bonjour,\nvoici votre attestation de bloc.\n")
    msg.add_attachment(b"%PDF-1.7 fake", maintype="application", subtype="pdf",
                       filename="attestation-bloc-1.pdf")
    return msg


def test_receives_a_message_with_its_attachment(sink):
    with smtplib.SMTP(sink.host, sink.port, timeout=10) as client:
        client.send_message(make_message(), to_addrs=["candidate@example.org", "audit@example.org"])

    [received] = sink.wait_for(1)
    assert received["Subject"] == "Votre attestation"
    assert received.get_body(("plain",)).get_content().startswith("Bonjour,")
    [attachment] = list(received.iter_attachments())
    assert attachment.get_filename() == "attestation-bloc-1.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == b"%PDF-1.7 fake"
    # Recipients outside the headers (Bcc) are visible in the envelope only.
    assert sink.envelopes[0].rcpt_tos == ["candidate@example.org", "audit@example.org"]


def test_accepts_any_login_without_tls(sink):
    with smtplib.SMTP(sink.host, sink.port, timeout=10) as client:
        client.login("app", "secret")
        client.send_message(make_message("Connecté"))
    assert sink.wait_for(1)[0]["Subject"] == "Connecté"
    assert sink.envelopes[0].login == "app"


def test_wait_for_times_out_with_what_arrived(sink):
    with smtplib.SMTP(sink.host, sink.port, timeout=10) as client:
        client.send_message(make_message("Seul"))
    with pytest.raises(TimeoutError, match=r"expected 2 .* got 1: \['Seul'\]"):
        sink.wait_for(2, timeout=0.5)


def test_clear_forgets_messages(sink):
    with smtplib.SMTP(sink.host, sink.port, timeout=10) as client:
        client.send_message(make_message())
    sink.wait_for(1)
    sink.clear()
    assert sink.messages == [] and sink.envelopes == []
