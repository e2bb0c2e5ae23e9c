"""Accompaniment: the mentor's meetings and the assisted entries (docs/accompaniment.md)."""
from __future__ import annotations

from datetime import timedelta

from tests.security.access_rules import case_party, role_only

# A case's meetings and proposals: its candidate, its mentor, certifier staff; never the jury (404).
PARTIES = case_party("candidate", "mentor", "admin")
# Only the mentor who follows the case acts on its meetings and enters evidence for the candidate.
MENTOR_ONLY = case_party("mentor", roles=("mentor",))
RULES = {
    "accompaniment.meeting_list": role_only("mentor"),
    "accompaniment.new_meeting": role_only("mentor"),
    "accompaniment.meeting": case_party("mentor", "admin", roles=("mentor", "admin")),
    "accompaniment.record_held": MENTOR_ONLY,
    "accompaniment.cancel_meeting": MENTOR_ONLY,
    "accompaniment.meeting_invitation": PARTIES,
    "accompaniment.case_accompaniment": PARTIES,
    "accompaniment.propose": MENTOR_ONLY,
    # The candidate's word: only they confirm or refuse; the mentor (and they) may change the words.
    "accompaniment.confirm_proposal": case_party("candidate", roles=("candidate",)),
    "accompaniment.refuse_proposal": case_party("candidate", roles=("candidate",)),
    "accompaniment.change_proposal": case_party("candidate", "mentor", roles=("candidate", "mentor")),
    "accompaniment.proposal_file": PARTIES,
}


def _mentor_of(world, target):
    """Case A's assigned mentor; case B has none, so a mentor outside the world schedules its meeting."""
    from vae.auth.operations import create_user

    case = world.case(target)
    if case.mentor is not None:
        return case.mentor
    from vae.extensions import db
    from vae.models import User
    from sqlalchemy import select

    found = db.session.scalar(select(User).where(User.email == "meeting-mentor@example.org"))
    return found or create_user(email="meeting-mentor@example.org", first_name="Mona", last_name="Extra",
                                roles=("mentor",), password="correct horse battery", locale="fr")


def _meeting(world, target):
    from vae.core.clock import now
    from vae.extensions import db
    from vae.models import Meeting, MeetingAttendee

    meeting = Meeting(mentor=_mentor_of(world, target), format="individual", mode="onsite", place="Salle 1",
                      video_link="", topic="", starts_at=now() + timedelta(days=3), planned_minutes=60,
                      attendees=[MeetingAttendee(case=world.case(target), note="")])
    db.session.add(meeting)
    db.session.commit()
    return meeting.id


def _proposal(world, target):
    from vae.extensions import db
    from vae.models import AssistedProposal

    evidence = world.evidence[target]
    proposal = AssistedProposal(case_block=world.case_block(target), typed_by=_mentor_of(world, target),
                                kind="document", title="", body="", file_id=evidence.file_id, refusal_reason="")
    db.session.add(proposal)
    db.session.commit()
    return proposal.id


ARGUMENTS = {"meeting_id": _meeting, "proposal_id": _proposal}
