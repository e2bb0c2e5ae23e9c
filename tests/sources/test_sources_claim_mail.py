"""The candidate hears of the certifier's decision on their claim by mail (through the outbox, to a
real SMTP server): accepted, or refused with the certifier's reason; in their own language."""
from __future__ import annotations

import pytest

from tests.sources.helpers import accept, claim, record_claim, refuse
from tests.support.smtp_sink import SmtpSink
from vae.extensions import db as _db
from vae.outbox.sending import send_pending

BLOCK = "RNCP37780BC01"


@pytest.fixture
def smtp(app):
    with SmtpSink() as sink:
        app.config.update(MAIL_SERVER=sink.host, MAIL_PORT=sink.port)
        yield sink


def _body(mail) -> str:
    return mail.get_body(preferencelist=("plain",)).get_content()


def test_an_accepted_claim_reaches_the_candidate_by_mail(db, client, login_as, titles, make_user, smtp):
    admin, candidate = make_user("admin"), make_user("candidate", first_name="Jeanne")
    claim_id = record_claim(client, login_as, admin, candidate, BLOCK)
    send_pending()
    smtp.clear()

    accept(client, login_as, admin, claim_id)
    assert claim(db, claim_id).state == "accepted"
    assert send_pending().sent == 1
    [mail] = smtp.wait_for(1)
    assert mail["To"] == candidate.email
    assert mail["Subject"] == f"Bloc {BLOCK} accepté"
    body = _body(mail)
    assert "Bonjour Jeanne" in body
    assert "Le certificateur a accepté le bloc RNCP37780BC01" in body and "Organisme de formation Horizon" in body


def test_a_refused_claim_tells_the_candidate_why_in_their_language(db, client, login_as, titles, make_user, smtp):
    admin, candidate = make_user("admin"), make_user("candidate", first_name="Jeanne")
    candidate.locale = "en"
    _db.session.commit()
    claim_id = record_claim(client, login_as, admin, candidate, BLOCK)
    send_pending()
    smtp.clear()

    refuse(client, login_as, admin, claim_id, "L'attestation ne porte pas de signature.")
    assert claim(db, claim_id).state == "refused"
    assert send_pending().sent == 1
    [mail] = smtp.wait_for(1)
    assert (mail["To"], mail["Subject"]) == (candidate.email, f"Block {BLOCK} refused")
    body = _body(mail)
    assert "The certifier has refused block RNCP37780BC01" in body
    assert "Reason: L'attestation ne porte pas de signature." in body


def test_a_refusal_refused_by_the_table_sends_nothing(db, client, login_as, titles, make_user, smtp):
    admin, candidate = make_user("admin"), make_user("candidate")
    claim_id = record_claim(client, login_as, admin, candidate, BLOCK)
    accept(client, login_as, admin, claim_id)
    send_pending()
    smtp.clear()
    refuse(client, login_as, admin, claim_id, "Trop tard")  # already accepted: the table refuses
    assert claim(db, claim_id).state == "accepted"
    assert send_pending().sent == 0
