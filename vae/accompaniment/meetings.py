"""Meetings: the mentor schedules them, the candidates are invited by mail, the mentor records how they went.
They flush; the route commits once (and the outbox sends after the commit)."""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import or_, select

from vae.accompaniment.calendar import ics_attachment
from vae.accompaniment.states import MEETING_MOVES, move
from vae.core.audit import record
from vae.core.clock import now
from vae.core.refusal import Refused
from vae.extensions import db
from vae.models import Case, Meeting, MeetingAttendee, User
from vae.models.states import ADMIN, CANDIDATE, MENTOR
from vae.outbox.queue import queue_mail

MAX_GROUP = 12


def visible_meetings(user: User):
    """SELECT of the meetings a user may read: their own as mentor, those their cases attend, all for staff."""
    if user.has_role(ADMIN):
        return select(Meeting)
    conditions = []
    if user.has_role(MENTOR):
        conditions.append(Meeting.mentor_id == user.id)
    if user.has_role(CANDIDATE):
        conditions.append(Meeting.id.in_(
            select(MeetingAttendee.meeting_id).join(Case, Case.id == MeetingAttendee.case_id)
            .where(Case.candidate_id == user.id)))
    return select(Meeting).where(or_(*conditions)) if conditions else select(Meeting).where(Meeting.id < 0)


def schedule(mentor: User, cases: list[Case], *, format: str, mode: str, place: str, video_link: str,
             starts_at: datetime, minutes: int, topic: str) -> Meeting:
    reasons = []
    if not cases:
        reasons.append(_("Choose at least one candidate."))
    if any(case.mentor_id != mentor.id for case in cases):
        reasons.append(_("You can only invite candidates whose application you follow."))
    if format == "individual" and len(cases) > 1:
        reasons.append(_("An individual meeting has one candidate: choose a group workshop for several."))
    if len(cases) > MAX_GROUP:
        reasons.append(_("A group workshop has at most %(n)d candidates.", n=MAX_GROUP))
    if mode == "onsite" and not place.strip():
        reasons.append(_("Give the place of the meeting."))
    if mode == "video" and not video_link.strip().lower().startswith("https://"):
        reasons.append(_("Give the video link (an address starting with https://)."))
    if starts_at <= now():
        reasons.append(_("The meeting must be in the future."))
    if reasons:
        raise Refused(reasons)
    meeting = Meeting(mentor=mentor, format=format, mode=mode, topic=topic.strip(),
                      place=place.strip() if mode == "onsite" else "",
                      video_link=video_link.strip() if mode == "video" else "",
                      starts_at=starts_at, planned_minutes=minutes,
                      attendees=[MeetingAttendee(case=case, note="") for case in cases])
    db.session.add(meeting)
    db.session.flush()
    for case in cases:
        record(mentor, "meeting", meeting.id, "meeting_scheduled", case_id=case.id, to_state="scheduled",
               data={"format": format, "mode": mode})
        queue_mail(case.candidate, "accompaniment_invitation", meeting=meeting, case=case,
                   attachments=[ics_attachment(meeting)])
    return meeting


def record_held(meeting: Meeting, mentor: User, *, minutes: int, attended: dict[int, bool],
                notes: dict[int, str]) -> None:
    """After the meeting: it took place, for how long, who came, and a short note for each candidate."""
    _require_own(meeting, mentor)
    if meeting.starts_at > now():
        raise Refused(_("The meeting has not started yet."))
    if not any(attended.get(a.case_id) for a in meeting.attendees):
        raise Refused(_("Tick at least one candidate who came, or cancel the meeting."))
    move(meeting, MEETING_MOVES, "hold", mentor, subject_type="meeting",
         case_ids=[a.case_id for a in meeting.attendees],
         data={"minutes": minutes})
    meeting.held_minutes = minutes
    for attendee in meeting.attendees:
        attendee.attended = bool(attended.get(attendee.case_id))
        attendee.note = (notes.get(attendee.case_id) or "").strip()
    db.session.flush()


def cancel(meeting: Meeting, mentor: User, reason: str) -> None:
    _require_own(meeting, mentor)
    move(meeting, MEETING_MOVES, "cancel", mentor, subject_type="meeting",
         case_ids=[a.case_id for a in meeting.attendees],
         reason=reason.strip())
    for attendee in meeting.attendees:
        queue_mail(attendee.case.candidate, "accompaniment_cancelled", meeting=meeting, case=attendee.case)
    db.session.flush()


def _require_own(meeting: Meeting, mentor: User) -> None:
    if meeting.mentor_id != mentor.id:
        raise Refused(_("Only the mentor who scheduled this meeting can do this."))


def meetings_of_case(case: Case) -> list[tuple[Meeting, MeetingAttendee]]:
    """Each meeting of this case with this case's own attendance and note (never another candidate's)."""
    rows = db.session.execute(
        select(Meeting, MeetingAttendee).join(MeetingAttendee, MeetingAttendee.meeting_id == Meeting.id)
        .where(MeetingAttendee.case_id == case.id).order_by(Meeting.starts_at.desc()))
    return [(m, a) for m, a in rows.all()]
