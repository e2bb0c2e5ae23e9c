""""My blocks" reads as many statements for a candidate working toward three titles as toward one.

The page shows, per title, the blocks held, those in progress, the missing ones and how the
title can be funded; each of those parts must be read for every title at once, not title by title.
"""
from __future__ import annotations

from vae.models import TitleFunding


def _statements(client, count_queries) -> tuple[int, str]:
    client.get("/my/blocks")
    with count_queries() as n:
        response = client.get("/my/blocks")
    assert response.status_code == 200
    return n(), response.get_data(as_text=True)


def test_my_blocks_statements_do_not_grow_with_the_titles(db, client, login_as, make_user, case_factory,
                                                           titles, count_queries):
    candidate = make_user("candidate")
    case_factory(candidate=candidate, rncp="RNCP37780", block_codes=("RNCP37780BC01",))
    db.session.add(TitleFunding(title_id=titles["RNCP37780"].id, kind="employer", available=True,
                                label="OPCO EP", url="", note=""))
    db.session.commit()
    login_as(candidate)
    one, page = _statements(client, count_queries)
    assert page.count('class="funding"') == 1 and "OPCO EP" in page

    for rncp in ("RNCP37792", "RNCP37795"):
        case_factory(candidate=candidate, rncp=rncp, block_codes=(f"{rncp}BC01",))
    db.session.add(TitleFunding(title_id=titles["RNCP37795"].id, kind="regional", available=True,
                                label="Région Bretagne", url="", note=""))
    db.session.commit()
    three, page = _statements(client, count_queries)
    assert page.count('class="funding"') == 3
    assert "OPCO EP" in page and "Région Bretagne" in page
    assert three == one
