"""Blocks held by a confirmed equivalence show on "My blocks" as held, with the old block's code."""
from __future__ import annotations

import html

from sqlalchemy import select

from tests.certification.helpers import issue_session
from vae.core.clock import now
from vae.models import BlockEquivalence, TitleAward

OLD, NEW = "RNCP37780", "RNCP37792"


def _my_blocks(client, login_as, candidate) -> str:
    login_as(candidate)
    return html.unescape(client.get("/my/blocks").get_data(as_text=True))


def _section(page: str, title) -> str:
    return page.split(f"{title.label} <small>({title.rncp_code}")[1].split("</section>")[0]


def test_a_block_held_by_equivalence_counts_and_names_the_old_block(db, client, login_as, titles, make_user,
                                                                    case_factory, jury_validates):
    old_title, new_title = titles[OLD], titles[NEW]
    old_block, new_block = old_title.required_blocks[0], new_title.required_blocks[0]
    db.session.add(BlockEquivalence(old_block=old_block, new_block=new_block, confirmed_at=now()))
    db.session.commit()
    candidate = make_user("candidate")
    case = case_factory(candidate=candidate, block_codes=(old_block.code,))
    issue_session(client, login_as, jury_validates.admin, jury_validates(case))

    page = _my_blocks(client, login_as, candidate)
    section = _section(page, new_title)
    assert f"1 bloc obtenu sur {len(new_title.required_blocks)}" in section
    held = section.split("Blocs restant à valider")[0]
    assert new_block.code in held and f"par équivalence avec le bloc {old_block.code}" in held
    # Its own title shows it as a jury decision.
    assert "par équivalence" not in _section(page, old_title)


def test_an_equivalence_chain_completes_the_newest_title(db, client, login_as, titles, make_user, case_factory,
                                                        jury_validates):
    """v1 → v2 → v3: a block of the first version counts toward the third."""
    v1, v2, v3 = (titles[c].required_blocks[0] for c in ("RNCP37780", "RNCP37792", "RNCP37795"))
    db.session.add_all([BlockEquivalence(old_block=v1, new_block=v2, confirmed_at=now()),
                        BlockEquivalence(old_block=v2, new_block=v3, confirmed_at=now())])
    db.session.commit()
    candidate = make_user("candidate")
    rest = [b.code for b in titles["RNCP37795"].required_blocks[1:]]
    jury_validates(case_factory(candidate=candidate, rncp="RNCP37795", block_codes=rest))
    jury_validates(case_factory(candidate=candidate, block_codes=(v1.code,)))
    assert [a.title.rncp_code for a in db.session.scalars(select(TitleAward))] == ["RNCP37795"]
    section = _section(_my_blocks(client, login_as, candidate), titles["RNCP37795"])
    assert f"par équivalence avec le bloc {v1.code}" in section
