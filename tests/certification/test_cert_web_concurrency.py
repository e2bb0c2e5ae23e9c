"""Two juries validate the candidate's last two blocks, in two cases, at the same moment."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from vae.models import BlockAward, TitleAward


@pytest.mark.postgres_only
def test_simultaneous_last_blocks_in_two_cases_still_award_the_title_once(app, db, titles, make_user,
                                                                          case_factory, jury_validates):
    codes = [b.code for b in titles["RNCP37780"].required_blocks]
    candidate = make_user("candidate")
    first = case_factory(candidate=candidate, block_codes=codes[:3])
    second = case_factory(candidate=candidate, block_codes=codes[3:])
    jury_validates(first, codes[:2])
    jury_validates(second, codes[3:-1])
    last = [jury_validates(first, [codes[2]], decide=False), jury_validates(second, [codes[-1]], decide=False)]
    pending = [(first.blocks[2].id, last[0].president.user_id), (second.blocks[-1].id, last[1].president.user_id)]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def decide(case_block_id: int, president_id: int) -> None:
        from vae.models import CaseBlock, User
        from vae.workflows.block import BLOCK

        try:
            with app.app_context():
                case_block = db.session.get(CaseBlock, case_block_id)
                president = db.session.get(User, president_id)
                barrier.wait(timeout=30)
                assert BLOCK.fire(case_block, "validate", actor=president).ok
                db.session.commit()
                db.session.remove()
        except BaseException as error:  # reported in the main thread
            errors.append(error)

    threads = [threading.Thread(target=decide, args=args) for args in pending]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    db.session.expire_all()
    assert db.session.scalar(select(func.count(BlockAward.id))) == len(codes)
    assert db.session.scalar(select(func.count(TitleAward.id)).where(TitleAward.candidate_id == candidate.id)) == 1
