"""The database itself refuses what the domain forbids, whatever the code does."""
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from vae.models import BlockAward, CaseBlock


def test_a_state_outside_the_table_is_refused(db, case_factory):
    case = case_factory()
    with pytest.raises(IntegrityError):
        db.session.execute(text("UPDATE case_block SET state = 'lost' WHERE id = :id"), {"id": case.blocks[0].id})
        db.session.flush()
    db.session.rollback()


def test_a_block_cannot_be_chosen_twice_in_one_case(db, case_factory):
    case = case_factory()
    db.session.add(CaseBlock(case_id=case.id, block_id=case.blocks[0].block_id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_block_is_awarded_once_per_candidate(db, case_factory):
    case = case_factory()
    block_id = case.blocks[0].block_id
    db.session.add(BlockAward(candidate_id=case.candidate_id, block_id=block_id))
    db.session.commit()
    db.session.add(BlockAward(candidate_id=case.candidate_id, block_id=block_id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
