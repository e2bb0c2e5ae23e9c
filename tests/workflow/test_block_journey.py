"""A block's whole journey through the four phases, and the case closing by itself."""
from datetime import timedelta

from freezegun import freeze_time
from sqlalchemy import select

from vae.certification import signing
from vae.core.clock import now
from vae.models import Certificate, Interview, JuryMember, JurySession, Score
from vae.workflows.block import BLOCK
from vae.workflows.case import CASE


def test_one_block_certified_and_one_withdrawn_close_the_case(db, case_factory, make_user, cover_all):
    admin, president, juror = make_user("admin"), make_user("jury"), make_user("jury")
    case = case_factory()
    candidate = case.candidate
    assert CASE.fire(case, "submit", actor=candidate).ok
    assert CASE.fire(case, "declare_admissible", actor=admin).ok
    first, second = case.blocks

    refused = BLOCK.fire(first, "submit", actor=candidate)
    assert not refused.ok and len(refused.reasons) == 2  # no evidence, no honour statement
    cover_all(first)
    first.honour_signed_at = now()
    assert BLOCK.fire(first, "submit", actor=candidate).ok

    session = JurySession(title=case.title, starts_at=now() + timedelta(days=7))
    session.members = [JuryMember(user=president, qualification="practising_professional", is_president=True),
                       JuryMember(user=juror, qualification="trainer")]
    interview = Interview(session=session, case=case, starts_at=session.starts_at, duration_minutes=45)
    db.session.add(session)
    first.interview = interview
    db.session.flush()  # column defaults (interview state) apply on insert
    assert BLOCK.fire(first, "schedule", actor=admin).ok

    assert not BLOCK.fire(first, "validate", actor=president).ok  # interview not held yet
    # The day of the interview: nothing is recorded about it before it starts.
    with freeze_time(interview.starts_at + timedelta(minutes=30), tick=True):
        interview.outcome = "held"
        interview.identity_document = "passport"
        assert not BLOCK.fire(first, "validate", actor=president).ok  # the president has not scored yet
        seat = session.president
        db.session.add_all([Score(interview=interview, member=seat, competence=c, level="demonstrated",
                                  submitted_at=now()) for c in first.block.competences])
        db.session.flush()
        assert {a.event for a in BLOCK.available(first, juror)} == set()  # a juror does not decide
        assert BLOCK.fire(first, "validate", actor=president).ok
        assert not BLOCK.fire(first, "certify", actor=admin).ok  # the minutes are not signed yet
        session.state = "signed"
        signing.generate_key(now())
        assert BLOCK.fire(first, "certify", actor=admin).ok
        assert sorted(db.session.scalars(select(Certificate.kind))) == ["block", "transcript"]  # its effect
        assert case.state == "admissible"  # the second block is still open

        assert BLOCK.fire(second, "withdraw", actor=candidate, reason="plus tard").ok
        db.session.commit()
        assert case.state == "closed"
        assert [b.state for b in case.blocks] == ["certified", "withdrawn"]
