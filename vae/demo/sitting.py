"""A whole jury sitting run through the jury's own operations, for the demo and tests.

It does, in one go, what the admin and the jury do through the pages: book the
case's submitted blocks into a session, record the interview as held, have the
president score every competence, decide each block and sign the minutes.
"""
from __future__ import annotations

from datetime import timedelta

from vae.core.clock import now
from vae.jury import operations, scoring
from vae.models import Case, JurySession, User


def hold_sitting(case: Case, *, admin: User, president: User, member: User, validate: bool = True,
                 decide: bool = True, sign: bool = True) -> JurySession:
    """Interview every submitted block of the case and decide each one (`validate` or not).

    A refused step raises `Refused` with its reasons, as it would on the pages."""
    session = operations.create_session(title=case.title, starts_at=now() + timedelta(hours=2),
                                        location="Centre de certification", video_link="", capacity=8,
                                        actor=admin)
    operations.add_member(session, user=president, qualification="practising_professional", gender=None,
                          actor=admin)
    operations.add_member(session, user=member, qualification="trainer", gender=None, actor=admin)
    interview = operations.schedule_interview(session, case, starts_at=session.starts_at, actor=admin)
    # Booked ahead, as the rules require; then the sitting takes place: it is dated to just now,
    # since nothing about an interview may be recorded before it starts.
    session.starts_at = interview.starts_at = now() - timedelta(minutes=interview.duration_minutes)
    operations.record_outcome(interview, outcome="held", actor=president, identity_document="national_id_card")
    seat = session.president
    scoring.save_scores(interview, seat, {c.id: ("demonstrated" if validate else "partially", "")
                                          for c in scoring.competences_of(interview)})
    scoring.submit_scores(interview, seat)
    if decide:
        for case_block in list(interview.case_blocks):
            operations.decide_block(
                session, case_block, validated=validate,
                rationale="" if validate else "Compétences partiellement démontrées.",
                recommendations="", actor=president)
        if sign:
            operations.sign_session(session, actor=president)
    return session
