"""Item 15: an unconfirmed address cannot send an application; the case page offers a new link."""
from __future__ import annotations

import re

from sqlalchemy import select

from vae.models import OutboxMessage
from vae.workflows.case import CASE
from vae.workflows.guards.identification import candidate_email_confirmed


def test_an_unconfirmed_candidate_cannot_send_the_application(client, db, make_user, case_factory, login_as):
    candidate = make_user("candidate", confirmed=False)
    case = case_factory(candidate=candidate)
    login_as(candidate)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "/auth/confirm/resend" in page  # the way out is on the page

    client.post(f"/cases/{case.id}/event/submit", data={"version": case.version})
    db.session.refresh(case)
    assert case.state == "draft"
    outcome = CASE.fire(case, "submit", actor=candidate)
    assert not outcome.ok and any("confirm" in reason.lower() for reason in outcome.reasons)


def test_the_resent_link_confirms_and_then_the_application_goes(client, db, make_user, case_factory, login_as):
    candidate = make_user("candidate", confirmed=False)
    case = case_factory(candidate=candidate)
    login_as(candidate)
    response = client.post("/auth/confirm/resend", data={"next": f"/cases/{case.id}"})
    assert response.status_code == 302 and response.headers["Location"] == f"/cases/{case.id}"
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.template == "confirm_email"))
    link = re.search(r"http://localhost(/signup/confirm/\S+)", mail.body_text).group(1)
    client.get(link)
    db.session.refresh(candidate)
    assert candidate.email_confirmed_at is not None

    login_as(candidate)
    client.post(f"/cases/{case.id}/event/submit", data={"version": case.version})
    db.session.refresh(case)
    assert case.state == "submitted"


def test_the_guard_says_nothing_once_confirmed(db, make_user, case_factory):
    case = case_factory(candidate=make_user("candidate"))
    assert candidate_email_confirmed(case) is None
    case.candidate.email_confirmed_at = None
    assert candidate_email_confirmed(case)
