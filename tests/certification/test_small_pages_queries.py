"""The public verification page and "My blocks" read a fixed number of rows, whatever the awards held."""
from __future__ import annotations

from sqlalchemy import select

from vae.models import Certificate


def _certify(db, client, login_as, titles, make_user, case_factory, jury_validates, blocks: int):
    candidate = make_user("candidate", first_name="Jeanne", last_name="Dupont")
    codes = [b.code for b in titles["RNCP37780"].required_blocks][:blocks]
    session = jury_validates(case_factory(candidate=candidate, block_codes=codes))
    login_as(jury_validates.admin)
    client.post(f"/admin/certification/sessions/{session.id}/issue")
    login_as(candidate)
    return candidate


def _my_blocks_queries(client, count_queries) -> tuple[int, str]:
    client.get("/my/blocks")
    with count_queries() as n:
        page = client.get("/my/blocks").get_data(as_text=True)
    return n(), page


def test_the_verification_page_is_one_query(app, db, client, login_as, titles, make_user, case_factory,
                                            jury_validates, count_queries):
    _certify(db, client, login_as, titles, make_user, case_factory, jury_validates, blocks=1)
    certificate = db.session.scalar(select(Certificate).where(Certificate.kind == "block"))
    visitor = app.test_client()
    with count_queries() as n:
        page = visitor.get(f"/c/{certificate.public_id}").get_data(as_text=True)
    assert "RNCP37780BC01" in page and "RNCP37780" in page and "Jeanne Dupont" in page
    assert n() == 1


def test_my_blocks_reads_as_many_rows_for_two_blocks_as_for_one(app, db, client, login_as, titles, make_user,
                                                                case_factory, jury_validates, count_queries):
    assert len(titles["RNCP37780"].required_blocks) > 2  # two blocks held: no title certificate yet
    _certify(db, client, login_as, titles, make_user, case_factory, jury_validates, blocks=1)
    one, page = _my_blocks_queries(client, count_queries)
    assert "RNCP37780BC02" in page
    _certify(db, client, login_as, titles, make_user, case_factory, jury_validates, blocks=2)
    two, page = _my_blocks_queries(client, count_queries)
    assert "RNCP37780BC01" in page and "RNCP37780BC02" in page
    assert two == one
