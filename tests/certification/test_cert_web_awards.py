"""Accumulation: blocks held by the candidate across cases, and the full title exactly once."""
from __future__ import annotations

from sqlalchemy import func, select

from vae.models import BlockAward, BlockEquivalence, TitleAward

EMPLOYE = "RNCP37792"


def _codes(titles, rncp):
    return [b.code for b in titles[rncp].required_blocks]


def _title_awards(db, candidate):
    return db.session.scalar(select(func.count(TitleAward.id)).where(TitleAward.candidate_id == candidate.id))


def test_a_validated_block_becomes_an_award_of_the_candidate(db, case_factory, jury_validates):
    case = case_factory(block_codes=("RNCP37780BC01",))
    jury_validates(case)
    award = db.session.scalar(select(BlockAward))
    assert award.candidate_id == case.candidate_id and award.block.code == "RNCP37780BC01"
    assert award.case_block_id == case.blocks[0].id and award.decision is not None
    assert _title_awards(db, case.candidate) == 0


def test_blocks_validated_in_two_separate_cases_award_the_title_once(db, titles, make_user, case_factory,
                                                                     jury_validates):
    codes = _codes(titles, "RNCP37780")
    candidate = make_user("candidate")
    first = case_factory(candidate=candidate, block_codes=codes[:2])
    second = case_factory(candidate=candidate, block_codes=codes[2:])
    jury_validates(first)
    assert _title_awards(db, candidate) == 0
    jury_validates(second)
    assert _title_awards(db, candidate) == 1
    assert db.session.scalar(select(func.count(BlockAward.id))) == len(codes)


def test_a_confirmed_equivalence_counts_toward_the_new_title(db, titles, make_user, case_factory,
                                                            jury_validates):
    from vae.core.clock import now

    old_title, new_title = titles["RNCP37780"], titles[EMPLOYE]
    candidate = make_user("candidate")
    missing = new_title.required_blocks[0]
    db.session.add(BlockEquivalence(old_block=old_title.blocks[0], new_block=missing, confirmed_at=now()))
    db.session.commit()
    jury_validates(case_factory(candidate=candidate, rncp=EMPLOYE, block_codes=_codes(titles, EMPLOYE)[1:]))
    assert _title_awards(db, candidate) == 0
    jury_validates(case_factory(candidate=candidate, block_codes=(old_title.blocks[0].code,)))
    awarded = db.session.scalars(select(TitleAward)).all()
    assert [a.title.rncp_code for a in awarded] == [EMPLOYE]


def test_reopening_a_validated_decision_takes_the_award_back(db, case_factory, jury_validates):
    from vae.workflows.block import BLOCK

    case = case_factory(block_codes=("RNCP37780BC01",))
    jury_validates(case)
    outcome = BLOCK.fire(case.blocks[0], "reopen_decision", actor=jury_validates.admin, reason="erreur de saisie")
    db.session.commit()
    assert outcome.ok and case.blocks[0].state == "scheduled"
    assert db.session.scalar(select(func.count(BlockAward.id))) == 0
