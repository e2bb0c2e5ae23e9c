"""The meeting's invitation as an iCalendar file (the same writer as the jury's convocations)."""
from __future__ import annotations

from flask import current_app

from vae.core.clock import now
from vae.jury.calendar import interview_event
from vae.models import Meeting


def meeting_uid(meeting: Meeting) -> str:
    host = current_app.config.get("PUBLIC_BASE_URL", "vae").split("//")[-1]
    return f"accompaniment-{meeting.id}@{host}"


def meeting_ics(meeting: Meeting, *, cancelled: bool = False) -> str:
    return interview_event(
        uid=meeting_uid(meeting), starts_at=meeting.starts_at, minutes=meeting.planned_minutes,
        summary=f"Accompagnement VAE · {meeting.mentor.full_name}" + (f" · {meeting.topic}" if meeting.topic else ""),
        location=meeting.video_link if meeting.mode == "video" else meeting.place,
        description=meeting.topic, stamp=now(), sequence=1 if cancelled else 0, cancelled=cancelled)


def ics_attachment(meeting: Meeting) -> dict:
    return {"filename": "accompagnement.ics", "content_type": "text/calendar", "content": meeting_ics(meeting)}
