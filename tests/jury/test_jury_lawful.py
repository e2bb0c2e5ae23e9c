"""The jury's decisions are lawful at every step: composition, conflicts of interest, the clock, identity.

Each rule is checked at booking, holding, deciding and signing, and a change of the jury that would
leave a booked interview without a lawful jury is refused.
"""
from datetime import timedelta

import pytest

from tests.fixtures.refusals import reasons_of
from vae.jury import operations, scoring
from vae.models import JuryMember


@pytest.fixture(autouse=True)
def english(app):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("en"):
        yield


def _decide(s, cb, validated=True):
    return reasons_of(lambda: operations.decide_block(
        s.session, cb, validated=validated, rationale="" if validated else "Pas encore.",
        recommendations="", actor=s.president))


def _sign(s):
    return reasons_of(lambda: operations.sign_session(s.session, actor=s.president))


def _hold(s):
    return reasons_of(lambda: operations.record_outcome(s.interview, outcome="held", actor=s.president,
                                                        identity_document="passport"))


def _seat_directly(db, session, user, qualification="trainer"):
    """Seat someone bypassing the operation's re-check: the state the old add_member let an admin create."""
    session.members.append(JuryMember(user=user, qualification=qualification))
    db.session.flush()


def _declare(member, case, link):
    operations.declare_links(member, {case.id: (link, "")}, actor=member.user)


# -- changing the jury after booking -----------------------------------------------------------
def test_removing_a_member_that_leaves_one_judge_is_refused_and_names_the_interview(db, scheduled):
    s = scheduled
    reasons = reasons_of(lambda: operations.remove_member(s.session, s.session.members[1], actor=s.admin))
    db.session.rollback()
    assert any("without a lawful jury" in r for r in reasons)
    assert any(s.case.candidate.full_name in r and "at least 2 members" in r for r in reasons)
    assert len(s.session.members) == 2


def test_removing_a_member_is_accepted_once_a_third_sits(db, scheduled, make_user):
    s = scheduled
    operations.add_member(s.session, user=make_user("jury"), qualification="other", gender=None, actor=s.admin)
    assert reasons_of(lambda: operations.remove_member(s.session, s.session.members[1], actor=s.admin)) == []
    assert len(s.session.members) == 2


def test_seating_the_candidates_mentor_after_booking_is_refused(db, sitting, submitted_case, make_user):
    mentor = make_user("mentor", "jury")
    s = sitting
    s.case = submitted_case(mentor=mentor)
    s.interview = operations.schedule_interview(s.session, s.case, starts_at=s.session.starts_at, actor=s.admin)
    db.session.commit()
    reasons = reasons_of(lambda: operations.add_member(s.session, user=mentor, qualification="trainer",
                                                       gender=None, actor=s.admin))
    db.session.rollback()
    assert any("Conflict of interest" in r for r in reasons)
    assert mentor.id not in {m.user_id for m in s.session.members}


def test_handing_the_presidency_to_a_trainer_only_jury_is_refused(db, scheduled):
    s = scheduled
    # The president is the only practising professional: a trainer president is still fine...
    assert reasons_of(lambda: operations.designate_president(s.session, s.session.members[1], actor=s.admin)) == []
    # ...but correcting the president's qualification to "trainer" leaves no professional.
    reasons = reasons_of(lambda: operations.update_member(s.session, s.session.members[0], qualification="trainer",
                                                          gender=None, organisation="", actor=s.admin))
    assert any("practising professional" in r for r in reasons)


def test_a_qualification_is_corrected_without_removing_the_member(db, scheduled):
    s = scheduled
    member = s.session.members[1]
    assert reasons_of(lambda: operations.update_member(s.session, member, qualification="practising_professional",
                                                       gender="male", organisation="Mairie de Lyon",
                                                       actor=s.admin)) == []
    db.session.commit()
    assert member in s.session.members and member.qualification == "practising_professional"
    assert member.organisation == "Mairie de Lyon"


# -- a one-member jury: refused at holding, deciding and signing ---------------------------------
def test_a_one_member_jury_cannot_hold_the_interview(db, at_the_interview):
    s = at_the_interview
    _declare(s.session.members[1], s.case, "relative")  # the only other member leaves this interview
    reasons = _hold(s)
    assert any("at least 2 members" in r for r in reasons)
    assert s.interview.outcome == "pending"


def test_a_one_member_jury_cannot_decide(db, held):
    s = held
    _declare(s.session.members[1], s.case, "colleague")
    reasons = _decide(s, s.case.blocks[0])
    assert any("at least 2 members" in r for r in reasons)
    assert s.case.blocks[0].state == "scheduled"


def test_a_one_member_jury_cannot_sign(db, held):
    s = held
    for cb in s.case.blocks:
        assert _decide(s, cb) == []
    _declare(s.session.members[1], s.case, "employer")
    reasons = _sign(s)
    assert any(s.case.candidate.full_name in r and "at least 2 members" in r for r in reasons)
    assert s.session.state == "planned"


# -- a conflicted member: refused at holding, deciding and signing ---------------------------------
@pytest.fixture
def mentored(db, sitting, submitted_case, make_user):
    """A booked candidate whose mentor is then seated on the session (as the old add_member allowed)."""
    s = sitting
    s.mentor = make_user("mentor", "jury", first_name="Marc", last_name="Mentor")
    s.case = submitted_case(mentor=s.mentor)
    s.interview = operations.schedule_interview(s.session, s.case, starts_at=s.session.starts_at, actor=s.admin)
    db.session.commit()
    return s


def test_a_jury_with_the_candidates_mentor_cannot_hold(db, mentored, clock):
    clock.move_to(mentored.interview.starts_at + timedelta(minutes=5))
    _seat_directly(db, mentored.session, mentored.mentor)
    assert any("Conflict of interest: Marc Mentor" in r for r in _hold(mentored))


def test_a_jury_with_the_candidates_mentor_cannot_decide_nor_sign(db, mentored, clock):
    s = mentored
    clock.move_to(s.interview.starts_at + timedelta(minutes=5))
    assert _hold(s) == []
    for cb in s.case.blocks:
        scoring.save_scores(s.interview, s.session.president,
                            {c.id: ("demonstrated", "") for c in cb.block.competences})
    assert _decide(s, s.case.blocks[0]) == []
    _seat_directly(db, s.session, s.mentor)
    assert any("Conflict of interest" in r for r in _decide(s, s.case.blocks[1]))
    assert s.case.blocks[1].state == "scheduled"
    db.session.delete(s.session.members[-1])
    s.session.members.pop()
    assert _decide(s, s.case.blocks[1]) == []
    _seat_directly(db, s.session, s.mentor)
    assert any("Conflict of interest" in r for r in _sign(s))
    assert s.session.state == "planned"


# -- declarations and detected links ------------------------------------------------------------------
def test_a_member_who_works_where_the_candidate_worked_is_detected_and_leaves_the_interview(db, held):
    from vae.workflows.guards.assessment import panel_of

    s = held
    # The candidate's experience was with "Mme Dupont"; spelling and case differ.
    operations.add_member(s.session, user=_juror(db), qualification="practising_professional", gender=None,
                          organisation="MME  dupont", actor=s.admin)
    panel = panel_of(s.interview)
    assert [(m.organisation, link) for m, link in panel.excluded] == [("MME  dupont", "employer")]
    newcomer = s.session.members[-1]
    assert newcomer not in panel.members
    reasons = reasons_of(lambda: scoring.save_scores(s.interview, newcomer, {}))
    assert any("link with this candidate" in r for r in reasons)


def _juror(db):
    from vae.auth.operations import create_user

    user = create_user(email="juror-dupont@example.org", first_name="Anne", last_name="Dupont", roles=("jury",),
                       password="correct horse battery", locale="fr")
    db.session.flush()
    return user


def test_declaring_no_link_keeps_the_member_on_the_interview(db, scheduled):
    from vae.workflows.guards.assessment import panel_of

    s = scheduled
    _declare(s.session.members[1], s.case, "none")
    assert s.session.members[1] in panel_of(s.interview).members
    assert s.session.members[1].declarations[0].link == "none"


# -- the clock: nothing before the interview starts --------------------------------------------------
def test_nothing_is_recorded_before_the_interview_starts(db, scheduled, clock):
    s = scheduled
    clock.move_to(s.interview.starts_at - timedelta(minutes=1))
    for outcome in ("held", "absent", "excused"):
        reasons = reasons_of(lambda: operations.record_outcome(s.interview, outcome=outcome, actor=s.president))
        assert any("nothing can be recorded about it before then" in r for r in reasons), outcome
    assert s.interview.outcome == "pending"


def test_deciding_and_signing_before_the_interview_starts_are_refused(db, held):
    s = held
    held.clock.move_to(s.interview.starts_at - timedelta(hours=1))
    assert any("before then" in r for r in _decide(s, s.case.blocks[0]))
    held.clock.move_to(s.interview.starts_at + timedelta(minutes=30))
    for cb in s.case.blocks:
        assert _decide(s, cb) == []
    held.clock.move_to(s.interview.starts_at - timedelta(hours=1))
    assert any("before then" in r for r in _sign(s))
    held.clock.move_to(s.interview.starts_at + timedelta(hours=1))
    assert _sign(s) == []
    from vae.jury.results import decisions_of

    assert all(d.decided_at >= s.interview.starts_at for d in decisions_of(s.interview))


def test_scores_cannot_be_given_before_the_interview_starts(db, held):
    s = held
    held.clock.move_to(s.interview.starts_at - timedelta(minutes=5))
    reasons = reasons_of(lambda: scoring.save_scores(s.interview, s.session.president, {}))
    assert any("before then" in r for r in reasons)


# -- identity --------------------------------------------------------------------------------------
def test_a_decision_without_the_identity_check_is_refused(db, at_the_interview):
    s = at_the_interview
    assert reasons_of(lambda: operations.record_outcome(s.interview, outcome="held", actor=s.president)) == []
    cb = s.case.blocks[0]
    scoring.save_scores(s.interview, s.session.president, {c.id: ("demonstrated", "") for c in cb.block.competences})
    assert any("identity was checked" in r for r in _decide(s, cb))
    operations.record_identity_check(s.interview, document="residence_permit", actor=s.president)
    assert _decide(s, cb) == []
    assert s.interview.identity_document == "residence_permit"
