"""The retention sweep erases what accompaniment holds about a candidate, and keeps the hours reported."""
from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import select

from tests.security.media_samples import wav_audio
from vae.accompaniment import assisted, meetings
from vae.core.clock import now
from vae.extensions import db
from vae.models import AssistedProposal, Meeting, MeetingAttendee, StoredFile
from vae.models.queries import accompaniment_minutes
from vae.privacy.files import default_path_of
from vae.privacy.retention import ErasureReport, erase_case_personal_data
from vae.storage.store import receive


def test_erasing_a_case_removes_proposals_recordings_and_notes_but_keeps_the_hours(db, followed):
    mentor, case, other = followed
    block = case.blocks[0]
    upload = receive(io.BytesIO(wav_audio(1.0)), "voice.wav")
    assisted.propose(block, mentor, kind="audio", competence_id=block.block.competences[0].id, title="",
                     body="", upload=upload)
    meeting = meetings.schedule(mentor, [case, other], format="group", mode="onsite", place="Salle 1",
                                video_link="", starts_at=now() + timedelta(hours=1), minutes=60, topic="")
    meeting.starts_at = now() - timedelta(hours=1)
    meetings.record_held(meeting, mentor, minutes=90, attended={case.id: True, other.id: True},
                         notes={case.id: "Note sur Alice", other.id: "Note sur Bruno"})
    db.session.commit()
    upload.place()
    assert default_path_of(db.session.scalar(select(StoredFile))).exists()

    report = ErasureReport()
    erase_case_personal_data(case, report, default_path_of)
    db.session.commit()

    assert db.session.scalar(select(AssistedProposal)) is None
    assert db.session.scalar(select(StoredFile)) is None and len(report.files_to_unlink) == 1
    notes = dict(db.session.execute(select(MeetingAttendee.case_id, MeetingAttendee.note)).all())
    assert notes == {case.id: "", other.id: "Note sur Bruno"}
    assert db.session.get(Meeting, meeting.id).held_minutes == 90
    assert accompaniment_minutes([case.id, other.id]) == {case.id: 90, other.id: 90}
