"""A group workshop held or cancelled is in the history of every attendee's case, not only the first's."""
from __future__ import annotations

from datetime import timedelta

from freezegun import freeze_time
from sqlalchemy import select

from tests.accompaniment.conftest import log_in
from tests.accompaniment.test_meetings import _held, _schedule
from vae.models import Meeting


def _case_history(client, admin, case, event: str) -> str:
    """The certifier's audit journal for one case, filtered on the meeting's move."""
    log_in(client, admin)
    response = client.get("/security/audit", query_string={"case_id": case.id, "subject_type": "meeting",
                                                           "event": event})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_held_group_workshop_is_in_each_attendees_case_history(client, db, followed, make_user):
    mentor, alice_case, bruno_case = followed
    admin = make_user("admin")
    log_in(client, mentor)
    assert _schedule(client, [alice_case, bruno_case], format="group", minutes=120).status_code == 302
    meeting = db.session.scalar(select(Meeting))
    with freeze_time(meeting.starts_at + timedelta(hours=3), tick=True):
        response = _held(client, meeting, 120, {alice_case.id: "Bien", bruno_case.id: "Absent"},
                         absent=(bruno_case.id,), as_user=mentor)
        assert response.status_code == 302
        for case in (alice_case, bruno_case):
            page = _case_history(client, admin, case, "hold")
            assert f">meeting {meeting.id}</td>" in page and ">hold</td>" in page, case.candidate.full_name


def test_a_cancelled_group_workshop_is_in_each_attendees_case_history(client, db, followed, make_user):
    mentor, alice_case, bruno_case = followed
    admin = make_user("admin")
    log_in(client, mentor)
    _schedule(client, [alice_case, bruno_case], format="group", minutes=120)
    meeting = db.session.scalar(select(Meeting))
    assert client.post(f"/accompaniment/meetings/{meeting.id}/cancel",
                       data={"reason": "Salle indisponible"}).status_code == 302
    for case in (alice_case, bruno_case):
        page = _case_history(client, admin, case, "cancel")
        assert f">meeting {meeting.id}</td>" in page and ">Salle indisponible</td>" in page, \
            case.candidate.full_name
