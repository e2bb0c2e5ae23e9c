"""Meetings: scheduled (the invitation and its .ics reach the candidate's mailbox), held, counted; a group
workshop where each candidate reads only their own note; nobody else sees them."""
from __future__ import annotations

from datetime import timedelta

from freezegun import freeze_time
from sqlalchemy import select

from tests.accompaniment.conftest import log_in
from vae.core.clock import now
from vae.extensions import db
from vae.models import AuditEvent, Meeting
from vae.outbox.sending import send_pending


def _local(moment) -> str:
    """The form's datetime-local value for a UTC moment (the form reads the certifier's time zone)."""
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo("Europe/Paris")).strftime("%Y-%m-%dT%H:%M")


def _schedule(client, cases, *, format="individual", mode="onsite", place="Salle 3", link="", minutes=60,
              when=None):
    when = when or (now() + timedelta(days=2)).replace(second=0, microsecond=0)
    return client.post("/accompaniment/meetings/new", data={
        "cases": [c.id for c in cases], "format": format, "mode": mode, "topic": "Décrire une journée type",
        "place": place, "video_link": link, "starts_at": _local(when), "minutes": str(minutes)})


def _held(client, meeting, minutes, notes: dict, absent=(), *, as_user=None):
    """Record the meeting as held (signed in again as `as_user`: a moved clock ends older sessions)."""
    if as_user is not None:
        log_in(client, as_user)
    data = {"minutes": str(minutes)}
    for case_id, note in notes.items():
        data[f"note-{case_id}"] = note
        if case_id not in absent:
            data[f"attended-{case_id}"] = "y"
    return client.post(f"/accompaniment/meetings/{meeting.id}/held", data=data)


def test_a_meeting_is_scheduled_by_mail_with_its_calendar_then_held_and_its_hours_counted(client, db, followed,
                                                                                          smtp, app):
    mentor, case, _other = followed
    log_in(client, mentor)
    response = _schedule(client, [case], mode="video", place="", link="https://visio.example.org/salle-42",
                         minutes=90)
    assert response.status_code == 302
    meeting = db.session.scalar(select(Meeting))
    assert meeting.state == "scheduled" and meeting.video_link == "https://visio.example.org/salle-42"

    # The invitation leaves through the outbox to a real SMTP server, with the calendar file.
    assert send_pending().sent == 1
    [mail] = smtp.wait_for(1)
    assert mail["To"] == case.candidate.email
    assert "Rendez-vous d’accompagnement" in mail["Subject"]
    [ics] = [part for part in mail.iter_attachments() if part.get_content_type() == "text/calendar"]
    calendar = ics.get_content()
    calendar = calendar.decode() if isinstance(calendar, bytes) else calendar
    assert "BEGIN:VEVENT" in calendar and "LOCATION:https://visio.example.org/salle-42" in calendar
    assert f"DTSTART:{meeting.starts_at.strftime('%Y%m%dT%H%M%SZ')}" in calendar

    # Before it happens, nothing is counted and it cannot be recorded as held.
    log_in(client, case.candidate)
    assert "Heures d’accompagnement : 0 h" in client.get(f"/cases/{case.id}").get_data(as_text=True)
    log_in(client, mentor)
    _held(client, meeting, 75, {case.id: "Bon début."})
    db.session.refresh(meeting)
    assert meeting.state == "scheduled"

    with freeze_time(meeting.starts_at + timedelta(hours=2), tick=True):
        response = _held(client, meeting, 75, {case.id: "Vous avez bien décrit le coucher des enfants."},
                         as_user=mentor)
        assert response.status_code == 302
    db.session.refresh(meeting)
    assert meeting.state == "held" and meeting.held_minutes == 75
    audit = db.session.scalars(select(AuditEvent).where(AuditEvent.subject_type == "meeting")
                               .order_by(AuditEvent.id)).all()
    assert [(e.event, e.to_state, e.actor_id) for e in audit] == [
        ("meeting_scheduled", "scheduled", mentor.id), ("hold", "held", mentor.id)]

    # 75 minutes: the candidate, the mentor and the dashboard all read 1.2 h.
    log_in(client, case.candidate)
    assert "Heures d’accompagnement : 1,2 h" in client.get(f"/cases/{case.id}").get_data(as_text=True)
    page = client.get(f"/cases/{case.id}/accompaniment").get_data(as_text=True)
    assert "Vous avez bien décrit le coucher des enfants." in page and "1,2 h" in page
    log_in(client, mentor)
    assert f'class="hours-{case.id}">1,2 h' in client.get("/accompaniment/meetings").get_data(as_text=True)


def test_the_dashboard_counts_the_hours_of_accompaniment(client, db, followed, make_user):
    mentor, case, other = followed
    log_in(client, mentor)
    _schedule(client, [case, other], format="group", minutes=120)
    meeting = db.session.scalar(select(Meeting))
    with freeze_time(meeting.starts_at + timedelta(hours=3), tick=True):
        _held(client, meeting, 120, {case.id: "", other.id: ""}, absent=(other.id,), as_user=mentor)
    log_in(client, make_user("admin"))
    page = client.get("/dashboard/").get_data(as_text=True)
    assert "Heures d’accompagnement</strong> : 2 h" in page or "Heures d’accompagnement</strong>: 2 h" in page
    assert "accompaniment_hours,,,2.0" in client.get("/dashboard/figures.csv").get_data(as_text=True)


def test_in_a_group_workshop_each_candidate_reads_only_their_own_note(client, db, followed, smtp):
    mentor, alice_case, bruno_case = followed
    log_in(client, mentor)
    assert _schedule(client, [alice_case, bruno_case], format="group", minutes=120).status_code == 302
    meeting = db.session.scalar(select(Meeting))
    assert send_pending().sent == 2
    assert sorted(m["To"] for m in smtp.wait_for(2)) == sorted([alice_case.candidate.email,
                                                                bruno_case.candidate.email])
    with freeze_time(meeting.starts_at + timedelta(hours=3), tick=True):
        _held(client, meeting, 120, {alice_case.id: "Alice : parlez de la sécurité.",
                                     bruno_case.id: "Bruno : apportez vos plannings."}, as_user=mentor)

    log_in(client, alice_case.candidate)
    page = client.get(f"/cases/{alice_case.id}/accompaniment").get_data(as_text=True)
    assert "Alice : parlez de la sécurité." in page and "Bruno" not in page
    assert client.get(f"/cases/{bruno_case.id}/accompaniment").status_code == 404
    log_in(client, bruno_case.candidate)
    page = client.get(f"/cases/{bruno_case.id}/accompaniment").get_data(as_text=True)
    assert "Bruno : apportez vos plannings." in page and "Alice" not in page
    # Both count the two hours.
    assert "2 h" in page


def test_only_the_mentor_of_a_case_invites_its_candidate_and_others_cannot_see_the_meeting(
        client, db, followed, make_user):
    mentor, case, _other = followed
    stranger = make_user("mentor")
    log_in(client, stranger)
    response = _schedule(client, [case])
    assert response.status_code == 400 and db.session.scalar(select(Meeting)) is None  # not theirs to choose

    log_in(client, mentor)
    assert _schedule(client, [case], mode="video", link="http://visio.example.org/x").status_code == 400
    assert "https://" in _schedule(client, [case], mode="video", link="http://x").get_data(as_text=True)
    assert _schedule(client, [case]).status_code == 302
    meeting = db.session.scalar(select(Meeting))

    log_in(client, stranger)
    assert client.get(f"/accompaniment/meetings/{meeting.id}").status_code == 404
    assert client.get(f"/accompaniment/meetings/{meeting.id}/invitation.ics").status_code == 404
    assert client.get(f"/cases/{case.id}/accompaniment").status_code == 404
    with freeze_time(meeting.starts_at + timedelta(hours=2), tick=True):
        assert _held(client, meeting, 60, {case.id: "x"}, as_user=stranger).status_code == 404
    outsider = make_user("candidate")
    log_in(client, outsider)
    assert client.get(f"/accompaniment/meetings/{meeting.id}/invitation.ics").status_code == 404
    assert client.get(f"/cases/{case.id}/accompaniment").status_code == 404
    log_in(client, case.candidate)
    assert client.get(f"/accompaniment/meetings/{meeting.id}/invitation.ics").status_code == 200
    db.session.refresh(meeting)
    assert meeting.state == "scheduled"


def test_a_cancelled_meeting_counts_nothing_and_the_candidate_is_told(client, db, followed, smtp):
    mentor, case, _other = followed
    log_in(client, mentor)
    _schedule(client, [case])
    meeting = db.session.scalar(select(Meeting))
    client.post(f"/accompaniment/meetings/{meeting.id}/cancel", data={"reason": "Malade"})
    db.session.refresh(meeting)
    assert meeting.state == "cancelled"
    with freeze_time(meeting.starts_at + timedelta(hours=2), tick=True):
        _held(client, meeting, 60, {case.id: ""}, as_user=mentor)
    db.session.refresh(meeting)
    assert meeting.state == "cancelled" and meeting.held_minutes is None
    assert send_pending().sent == 2
    assert "annulé" in smtp.wait_for(2)[1]["Subject"]
