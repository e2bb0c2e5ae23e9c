"""A jury ready to sit: a session with a president and a member, a candidate with two submitted blocks."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from freezegun import freeze_time

from vae.core.clock import now


@dataclass
class Sitting:
    admin: object
    president: object
    member: object
    session: object
    case: object


@pytest.fixture
def submitted_case(case_in):
    """A case declared admissible whose two blocks are submitted."""

    def make(candidate=None, mentor=None):
        return case_in("admissible", blocks="submitted", candidate=candidate, mentor=mentor)

    return make


@pytest.fixture
def sitting(db, titles, make_user, submitted_case):
    from vae.jury import operations

    admin = make_user("admin")
    president = make_user("jury", first_name="Paule", last_name="Bernard")
    member = make_user("jury", first_name="Jean", last_name="Moreau")
    session = operations.create_session(title=titles["RNCP37780"], starts_at=now() + timedelta(days=7),
                                        location="Salle 2, Lyon", video_link="", capacity=4, actor=admin)
    operations.add_member(session, user=president, qualification="practising_professional",
                          gender="female", actor=admin)
    operations.add_member(session, user=member, qualification="trainer", gender="male", actor=admin)
    db.session.commit()
    case = submitted_case()
    return Sitting(admin, president, member, session, case)


@pytest.fixture
def scheduled(db, sitting):
    """The sitting with the candidate's interview booked."""
    from vae.jury import operations

    interview = operations.schedule_interview(
        sitting.session, sitting.case, starts_at=sitting.session.starts_at, actor=sitting.admin)
    db.session.commit()
    sitting.interview = interview
    return sitting


@pytest.fixture
def clock():
    """The application's clock, running from now, that a test may move."""
    with freeze_time(now(), tick=True) as frozen:
        yield frozen


@pytest.fixture
def at_the_interview(scheduled):
    """The clock moved to ten minutes into the interview (and running) for the rest of the test."""
    with freeze_time(scheduled.interview.starts_at + timedelta(minutes=10), tick=True) as clock:
        scheduled.clock = clock
        yield scheduled


@pytest.fixture
def held(db, at_the_interview):
    """Interview held (identity checked), every member's scores given for every competence."""
    from vae.jury import operations, scoring

    s = at_the_interview
    operations.record_outcome(s.interview, outcome="held", actor=s.president, identity_document="passport")
    for member in s.session.members:
        levels = {c.id: ("demonstrated", "") for c in scoring.competences_of(s.interview)}
        scoring.save_scores(s.interview, member, levels)
        scoring.submit_scores(s.interview, member)
    db.session.commit()
    return s
