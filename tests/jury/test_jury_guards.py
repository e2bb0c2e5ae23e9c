"""Each composition and slot rule refuses the schedule with its reason; decisions have their own guards."""
from datetime import timedelta

import pytest

from vae.core.clock import now
from vae.core.refusal import Refused
from vae.jury import operations
from vae.models import JuryMember
from tests.fixtures.refusals import reasons_of


@pytest.fixture(autouse=True)
def english(app):
    """Reasons are read in English here (the French catalogue is tested elsewhere)."""
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("en"):
        yield


def _schedule(db, s, **kwargs):
    reasons = reasons_of(lambda: operations.schedule_interview(
        s.session, s.case, starts_at=kwargs.get("starts_at", s.session.starts_at), actor=s.admin))
    if reasons:
        db.session.rollback()
    return reasons


def test_a_valid_jury_schedules_both_blocks_in_one_interview_and_notifies(db, sitting):
    from vae.models import OutboxMessage

    assert _schedule(db, sitting) == []
    db.session.commit()
    assert {cb.state for cb in sitting.case.blocks} == {"scheduled"}
    interview = sitting.case.blocks[0].interview
    assert interview is sitting.case.blocks[1].interview
    assert interview.duration_minutes == 60  # 30 + 2 × 15
    mails = db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.template == "jury_convocation")).all()
    assert {m.to_address for m in mails} == {sitting.case.candidate.email, sitting.president.email,
                                             sitting.member.email}
    ics = mails[0].attachments[0]
    assert ics["filename"] == "convocation.ics" and "BEGIN:VEVENT" in ics["content"]


def test_fewer_than_two_members_is_refused(db, sitting):
    operations.remove_member(sitting.session, sitting.session.members[1], actor=sitting.admin)
    reasons = _schedule(db, sitting)
    assert any("at least 2 members" in r for r in reasons)
    assert {cb.state for cb in sitting.case.blocks} == {"submitted"}


def test_no_president_is_refused(db, sitting):
    for m in sitting.session.members:
        m.is_president = False
    assert any("exactly one president" in r for r in _schedule(db, sitting))


def test_two_presidents_are_refused(db, sitting):
    for m in sitting.session.members:
        m.is_president = True
    assert any("exactly one president" in r for r in _schedule(db, sitting))


def test_no_practising_professional_is_refused(db, sitting):
    for m in sitting.session.members:
        m.qualification = "trainer"
    assert any("practising professional" in r for r in _schedule(db, sitting))


def test_the_candidates_mentor_cannot_sit_on_the_jury(db, sitting, make_user):
    mentor = make_user("mentor", "jury", last_name="Lefebvre")
    sitting.case.mentor = mentor
    operations.add_member(sitting.session, user=mentor, qualification="other", gender=None, actor=sitting.admin)
    reasons = _schedule(db, sitting)
    assert any("Conflict of interest" in r and "Lefebvre" in r for r in reasons)


def test_the_candidate_cannot_sit_on_their_own_jury(db, sitting):
    candidate = sitting.case.candidate
    candidate.set_roles({"candidate", "jury"})
    operations.add_member(sitting.session, user=candidate, qualification="other", gender=None,
                          actor=sitting.admin)
    assert any("Conflict of interest" in r for r in _schedule(db, sitting))


def test_gender_imbalance_is_only_a_warning(db, sitting):
    for m in sitting.session.members:
        m.gender = "female"
    problems, warning = operations.composition_problems(sitting.session)
    assert problems == [] and "gender" in warning
    assert _schedule(db, sitting) == []


def test_a_session_of_another_title_is_refused(db, sitting, titles):
    sitting.session.title = titles["RNCP37792"]
    assert any("another title" in r for r in _schedule(db, sitting))


def test_a_past_session_is_refused(db, sitting):
    sitting.session.starts_at = now() - timedelta(days=1)
    assert any("past" in r for r in _schedule(db, sitting, starts_at=sitting.session.starts_at))


def test_overlapping_slots_are_refused(db, sitting, submitted_case):
    assert _schedule(db, sitting) == []
    db.session.commit()
    other = submitted_case()
    reasons = reasons_of(lambda: operations.schedule_interview(sitting.session, other,
                                                              starts_at=sitting.session.starts_at + timedelta(minutes=30),
                                                              actor=sitting.admin))
    assert any("overlaps" in r for r in reasons)
    db.session.rollback()
    reasons = reasons_of(lambda: operations.schedule_interview(sitting.session, other,
                                                              starts_at=sitting.session.starts_at + timedelta(minutes=60),
                                                              actor=sitting.admin))
    assert reasons == []


def test_capacity_is_respected(db, sitting, submitted_case):
    sitting.session.capacity = 1
    assert _schedule(db, sitting) == []
    db.session.commit()
    reasons = reasons_of(lambda: operations.schedule_interview(sitting.session, submitted_case(),
                                                              starts_at=sitting.session.starts_at + timedelta(hours=2),
                                                              actor=sitting.admin))
    assert any("full" in r for r in reasons)


def test_cancel_returns_blocks_to_submitted(db, scheduled):
    assert reasons_of(lambda: operations.cancel_interview(scheduled.interview, reason="jury ill",
                                                          actor=scheduled.admin)) == []
    db.session.commit()
    assert {cb.state for cb in scheduled.case.blocks} == {"submitted"}
    assert scheduled.interview.state == "cancelled"


def test_reschedule_refuses_an_overlap_and_accepts_a_free_slot(db, scheduled):
    assert reasons_of(lambda: operations.reschedule_interview(
        scheduled.interview, actor=scheduled.admin, starts_at=scheduled.session.starts_at + timedelta(hours=1))) == []


def test_an_excused_candidate_gets_their_blocks_back(db, at_the_interview):
    from vae.jury.results import result_of

    scheduled = at_the_interview
    assert reasons_of(lambda: operations.record_outcome(scheduled.interview, outcome="excused",
                                                        actor=scheduled.president)) == []
    db.session.commit()
    assert {cb.state for cb in scheduled.case.blocks} == {"submitted"}
    assert result_of(scheduled.interview) == "excused"


def test_scoring_before_the_outcome_is_refused(db, scheduled):
    from vae.jury import scoring

    member = scheduled.session.members[1]
    levels = {c.id: ("mastered", "") for c in scoring.competences_of(scheduled.interview)}
    with pytest.raises(Refused):
        scoring.save_scores(scheduled.interview, member, levels)


def test_deciding_needs_every_competence_scored_by_the_president(db, at_the_interview):
    from vae.jury import scoring

    scheduled = at_the_interview
    operations.record_outcome(scheduled.interview, outcome="held", actor=scheduled.president,
                              identity_document="passport")
    cb = scheduled.case.blocks[0]
    reasons = reasons_of(lambda: operations.decide_block(scheduled.session, cb, validated=True, rationale="",
                                                         recommendations="", actor=scheduled.president))
    assert any("has not scored" in r for r in reasons) and cb.state == "scheduled"
    president = scheduled.session.president
    scoring.save_scores(scheduled.interview, president,
                        {c.id: ("demonstrated", "") for c in cb.block.competences})
    outcome = operations.decide_block(scheduled.session, cb, validated=True, rationale="", recommendations="",
                                      actor=scheduled.president)
    assert outcome.ok and cb.state == "validated"


def test_deciding_before_the_interview_is_held_is_refused(db, scheduled):
    reasons = reasons_of(lambda: operations.decide_block(scheduled.session, scheduled.case.blocks[0], validated=True,
                                                         rationale="", recommendations="", actor=scheduled.president))
    from flask_babel import gettext

    assert gettext("Record that the interview was held first.") in reasons


def test_not_validated_requires_a_rationale(db, held):
    reasons = reasons_of(lambda: operations.decide_block(held.session, held.case.blocks[0], validated=False,
                                                         rationale=" ", recommendations="", actor=held.president))
    assert reasons and held.case.blocks[0].state == "scheduled"


def test_a_block_of_another_session_is_refused(db, held, titles):
    other = operations.create_session(title=titles["RNCP37780"], starts_at=now() + timedelta(days=9),
                                      location="", video_link="", capacity=2, actor=held.admin)
    other.members.append(JuryMember(user=held.president, qualification="practising_professional",
                                    is_president=True))
    db.session.flush()
    reasons = reasons_of(lambda: operations.decide_block(other, held.case.blocks[0], validated=True, rationale="",
                                                         recommendations="", actor=held.president))
    assert any("not before this session" in r for r in reasons)


def test_a_plain_member_cannot_decide(db, held):
    from vae.workflows.engine import TransitionForbidden

    with pytest.raises(TransitionForbidden):
        operations.decide_block(held.session, held.case.blocks[0], validated=True, rationale="",
                                recommendations="", actor=held.member)


def test_signing_freezes_decisions_and_an_admin_revokes_with_a_reason(db, held):
    from vae.jury.results import result_of
    from vae.models import AuditEvent, BlockDecision

    first, second = held.case.blocks
    assert operations.decide_block(held.session, first, validated=True, rationale="", recommendations="",
                                   actor=held.president).ok
    assert operations.decide_block(held.session, second, validated=False, rationale="Gestes non maîtrisés",
                                   recommendations="Stage", actor=held.president).ok
    assert result_of(held.interview) == "partial_success"
    assert reasons_of(lambda: operations.sign_session(held.session, actor=held.president)) == []
    db.session.commit()
    assert held.session.state == "signed" and held.interview.result_notified_at is not None
    outcome = operations.revoke_decision(first, reason="Erreur matérielle", actor=held.admin)
    assert outcome.ok and first.state == "scheduled"
    db.session.commit()
    revoked = db.session.scalars(db.select(BlockDecision).where(BlockDecision.case_block_id == first.id)).one()
    assert revoked.revoked_at is not None and revoked.revoke_reason == "Erreur matérielle"
    events = {e.event for e in db.session.scalars(db.select(AuditEvent))}
    assert {"session_signed", "reopen_decision", "validate", "reject"} <= events
    # After signing, the president can no longer decide.
    again = reasons_of(lambda: operations.decide_block(held.session, first, validated=False, rationale="x",
                                                       recommendations="", actor=held.president))
    assert any("signed" in r for r in again)
