"""Deny by default: each role reads only the cases it is related to."""
from datetime import timedelta

import pytest
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from vae.core.access import get_case_block_or_404, get_case_or_404, visible_case_blocks, visible_cases
from vae.core.clock import now
from vae.models import Interview, JuryMember, JurySession


@pytest.fixture
def two_cases(case_factory, make_user):
    mentor_a, mentor_b = make_user("mentor"), make_user("mentor")
    case_a = case_factory(mentor=mentor_a)
    case_b = case_factory(mentor=mentor_b, rncp="RNCP37792", block_codes=("RNCP37792BC01", "RNCP37792BC02"))
    return case_a, case_b


def ids(db, query):
    return {obj.id for obj in db.session.scalars(query)}


def test_a_candidate_sees_only_their_own_case(db, two_cases):
    case_a, case_b = two_cases
    assert ids(db, visible_cases(case_a.candidate)) == {case_a.id}
    with pytest.raises(NotFound):
        get_case_or_404(case_a.candidate, case_b.id)
    with pytest.raises(NotFound):
        get_case_block_or_404(case_a.candidate, case_b.blocks[0].id)


def test_a_mentor_sees_only_assigned_cases(db, two_cases):
    case_a, case_b = two_cases
    assert ids(db, visible_cases(case_a.mentor)) == {case_a.id}
    assert ids(db, visible_case_blocks(case_b.mentor)) == {b.id for b in case_b.blocks}


def test_a_jury_member_sees_only_blocks_put_before_their_session(db, two_cases, make_user):
    case_a, case_b = two_cases
    juror, other_juror = make_user("jury"), make_user("jury")
    assert ids(db, visible_cases(juror)) == set()
    session = JurySession(title=case_a.title, starts_at=now() + timedelta(days=3))
    session.members = [JuryMember(user=juror, qualification="trainer", is_president=True)]
    interview = Interview(session=session, case=case_a, starts_at=session.starts_at, duration_minutes=45)
    case_a.blocks[0].interview = interview
    db.session.add(session)
    db.session.commit()
    assert ids(db, visible_cases(juror)) == {case_a.id}
    assert ids(db, visible_case_blocks(juror)) == {case_a.blocks[0].id}  # not the block left out
    assert ids(db, visible_cases(other_juror)) == set()
    interview.state = "cancelled"
    db.session.commit()
    assert ids(db, visible_cases(juror)) == set()


def test_an_admin_sees_every_case_and_a_person_without_role_sees_none(db, two_cases, make_user):
    admin = make_user("admin")
    assert ids(db, visible_cases(admin)) == {c.id for c in two_cases}
    nobody = make_user("candidate")
    nobody.set_roles([])
    assert ids(db, visible_cases(nobody)) == set()


def test_a_deactivated_account_sees_nothing(db, two_cases):
    case_a, _ = two_cases
    case_a.candidate.active = False
    assert ids(db, visible_cases(case_a.candidate)) == set()
    assert db.session.scalars(select(visible_cases(case_a.candidate).subquery())).all() == []
