"""The mentor's home queue shows their candidates' blocks as the candidates see them, read as
rows: a block decided by an unsigned session reads "interview booked" until the signature,
and the admin's queue, on the same page for someone with both roles, still reads the decision."""
from __future__ import annotations

import re

from tests.fixtures.objects_built import objects_built
from vae.jury import operations
from vae.models import Block, CaseBlock


def _chip(page: str, code: str) -> str:
    return re.search(rf'class="chip"[^>]*>{code[-4:]} ([^<]*)</a>', page).group(1)


def test_the_mentor_home_queue_waits_for_the_signature(db, client, login_as, make_user, case_factory,
                                                        jury_validates, count_queries):
    mentor = make_user("mentor")
    case = case_factory(mentor=mentor, block_codes=("RNCP37780BC01", "RNCP37780BC02"))
    session = jury_validates(case, codes=("RNCP37780BC01",), sign=False)
    assert next(cb for cb in case.blocks if cb.block.code == "RNCP37780BC01").state == "validated"

    login_as(mentor)
    page = client.get("/home").get_data(as_text=True)
    assert _chip(page, "RNCP37780BC01") == "Entretien programmé"
    assert _chip(page, "RNCP37780BC02") == "Dossier en cours"

    operations.sign_session(session, actor=session.president.user)
    db.session.commit()
    page = client.get("/home").get_data(as_text=True)
    assert _chip(page, "RNCP37780BC01") == "Validé"

    # As many queries for a page of many cases as for one: the blocks come as rows, in one query.
    with count_queries() as one:
        client.get("/home")
    for _ in range(3):
        case_factory(mentor=mentor, block_codes=("RNCP37780BC01", "RNCP37780BC02", "RNCP37780BC03"))
    with objects_built(CaseBlock, Block) as built, count_queries() as four:
        page = client.get("/home").get_data(as_text=True)
    assert four() == one()
    assert page.count('class="chip"') == 2 + 3 * 3
    assert built == []  # the chips are rows: no case-block or block object built for them


def test_an_admin_who_mentors_reads_the_decision_in_the_admin_queue(db, client, login_as, make_user,
                                                                   case_factory, jury_validates):
    both = make_user("mentor", "admin")
    case = case_factory(mentor=both, block_codes=("RNCP37780BC01",))
    jury_validates(case, codes=("RNCP37780BC01",), sign=False)
    login_as(both)
    page = client.get("/home?admin_state=admissible").get_data(as_text=True)
    assert "Validé" in page  # certifier staff read every real state
