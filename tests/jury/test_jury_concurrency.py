"""Two presidents' requests deciding two blocks of the same candidate at once: nothing is lost."""
import threading

import pytest

from vae.core.retry import run_with_retry
from vae.models import BlockDecision, CaseBlock, JurySession, User


@pytest.mark.postgres_only
def test_two_concurrent_decisions_on_one_candidate_are_both_recorded(app, db, held):
    from vae.jury import operations

    session_id, president_id = held.session.id, held.president.id
    block_ids = [cb.id for cb in held.case.blocks]
    barrier = threading.Barrier(2, timeout=30)
    attempts = {bid: 0 for bid in block_ids}
    errors = []

    def decide(block_id):
        with app.app_context():
            def unit():
                attempts[block_id] += 1
                president = db.session.get(User, president_id)
                block = db.session.get(CaseBlock, block_id)
                session = db.session.get(JurySession, session_id)
                _ = block.case.version  # both read the same version before either writes
                if attempts[block_id] == 1:
                    barrier.wait()
                return operations.decide_block(session, block, validated=True, rationale="", recommendations="",
                                               actor=president)
            try:
                outcome = run_with_retry(unit, attempts=4)
                assert outcome.ok, outcome.reasons
            except Exception as error:  # reported to the main thread
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=decide, args=(bid,)) for bid in block_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    db.session.expire_all()
    decisions = db.session.scalars(db.select(BlockDecision)).all()
    assert sorted(d.case_block_id for d in decisions) == sorted(block_ids)
    assert {db.session.get(CaseBlock, bid).state for bid in block_ids} == {"validated"}
    assert sum(attempts.values()) >= 3  # one of the two lost the race and was retried
