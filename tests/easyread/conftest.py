"""Cases at each moment a candidate meets, built through the real operations (tests/fixtures, vae.demo.sitting)."""
from __future__ import annotations

from datetime import timedelta

import pytest


@pytest.fixture
def case_at(db, case_in, make_user):
    """case_at(moment): a committed case whose one block is at `moment` — a case state ("draft",
    "submitted", "incomplete") or, in an admissible case, a block state ("documenting", "submitted",
    "scheduled", "validated", "not_validated", "certified")."""
    from vae.core.clock import now
    from vae.demo.sitting import hold_sitting
    from vae.jury import operations

    def make(moment: str, **kwargs):
        kwargs.setdefault("block_codes", ("RNCP37780BC01",))
        if moment in ("draft", "incomplete"):
            return case_in(moment, **kwargs)
        if moment == "documenting":
            return case_in("admissible", **kwargs)
        if moment == "submitted-case":
            return case_in("submitted", **kwargs)
        admin = make_user("admin")
        case = case_in("admissible", blocks="submitted", admin=admin, **kwargs)
        if moment == "scheduled":
            session = operations.create_session(title=case.title, starts_at=now() + timedelta(days=10),
                                                location="Centre de certification", video_link="", capacity=8,
                                                actor=admin)
            operations.add_member(session, user=make_user("jury"), qualification="practising_professional",
                                  gender=None, actor=admin)
            operations.add_member(session, user=make_user("jury"), qualification="trainer", gender=None, actor=admin)
            operations.schedule_interview(session, case, starts_at=session.starts_at, actor=admin)
        elif moment in ("validated", "not_validated", "certified"):
            hold_sitting(case, admin=admin, president=make_user("jury"), member=make_user("jury"),
                         validate=moment != "not_validated", sign=moment == "certified")
            if moment == "certified":
                from vae.certification import signing
                from vae.workflows.block import BLOCK

                signing.generate_key(now())  # this test app's own issuer key, as tests/certification does
                assert BLOCK.fire(case.blocks[0], "certify", actor=admin, reason="certificates issued").ok
        else:
            assert moment == "submitted", moment
        db.session.commit()
        return case

    return make

