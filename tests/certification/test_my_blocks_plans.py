""""My blocks" finds its titles through the titles' primary key, not by reading every title.

The page's titles are those of the blocks held and those of the cases under way. Written as
`id IN (subquery) OR id IN (list)`, PostgreSQL read every title of the register to answer it
(7 ms at 20,000 titles, a third of the page); the plan, not a timing, is what is checked here.
"""
from __future__ import annotations

from sqlalchemy import event, text

from vae.models import Title


def _titles_statement(db, client) -> tuple[str, object]:
    """The statement (and its parameters) that reads the page's titles."""
    seen = []

    def before(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        assert client.get("/my/blocks").status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    reading_titles = [(s, p) for s, p in seen if " ".join(s.split()).startswith("SELECT title.id, title.rncp_code")]
    assert len(reading_titles) == 1, [s[:80] for s, _ in seen]
    return reading_titles[0]


def _titles_read_and_dropped(db, statement: str, parameters) -> list[str]:
    """The plan's lines that show titles read then thrown away (or a scan of the whole table)."""
    with db.engine.connect() as connection:
        if db.engine.dialect.name == "postgresql":
            connection.execute(text("SET enable_seqscan = off"))  # a tiny test table: make any full scan show
            plan = [row[0] for row in connection.exec_driver_sql("EXPLAIN ANALYZE " + statement, parameters)]
            return [line for line in plan if "Rows Removed by Filter" in line or "Seq Scan on title" in line]
        plan = [row[-1] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
        by_key = "SEARCH title USING INTEGER PRIMARY KEY"
        return [line for line in plan if " title " in f" {line} " and not line.startswith(by_key)]


def test_my_blocks_reads_its_titles_by_key(db, client, login_as, make_user, case_factory, jury_validates, titles):
    candidate = make_user("candidate")
    jury_validates(case_factory(candidate=candidate, rncp="RNCP37780", block_codes=("RNCP37780BC01",)))
    case_factory(candidate=candidate, rncp="RNCP37792", block_codes=("RNCP37792BC01",))
    login_as(candidate)

    page = client.get("/my/blocks").get_data(as_text=True)
    assert "RNCP37780" in page and "RNCP37792" in page  # the held block's title and the case's title
    assert db.session.query(Title).count() >= 3  # and a title the candidate has nothing to do with

    assert _titles_read_and_dropped(db, *_titles_statement(db, client)) == []
