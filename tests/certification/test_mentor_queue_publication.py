"""The mentor's queue shows a block decided by an unsigned session as its candidate sees it.

Until the president signs the session, the candidate and their mentor read the block as
"interview scheduled" (vae.jury.publication); the queue listing the mentor's candidates must
not tell the mentor the decision first.
"""
from __future__ import annotations

import re


def _block_cell(page: str, code: str) -> str:
    return re.search(rf'>{code}</a>(.*?)</div>', page, re.S).group(1)


def test_the_mentor_queue_waits_for_the_signature(db, client, login_as, make_user, case_factory, jury_validates):
    mentor = make_user("mentor")
    case = case_factory(mentor=mentor, block_codes=("RNCP37780BC01", "RNCP37780BC02"))
    session = jury_validates(case, codes=("RNCP37780BC01",), sign=False)
    decided = next(cb for cb in case.blocks if cb.block.code == "RNCP37780BC01")
    assert decided.state == "validated" and case.state == "admissible"

    login_as(mentor)
    page = client.get("/mentor/").get_data(as_text=True)
    assert "Entretien programmé" in _block_cell(page, "RNCP37780BC01")
    assert "Validé" not in _block_cell(page, "RNCP37780BC01")

    from vae.jury import operations

    operations.sign_session(session, actor=session.president.user)
    db.session.commit()
    page = client.get("/mentor/").get_data(as_text=True)
    assert "Validé" in _block_cell(page, "RNCP37780BC01")
