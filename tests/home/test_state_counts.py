"""The counts per case state that the database keeps (migration 0008_statecounts) stay equal
to a GROUP BY over `case` whatever writes the cases, and the admin home reads them instead
of counting every case."""
from __future__ import annotations

import re

from sqlalchemy import delete, func, insert, select, update

from bench.generate import generate
from tests.fixtures.builders import assert_ok
from vae.home import queues
from vae.models import Case
from vae.models.state_counts import cases_per_state
from vae.workflows.block import BLOCK
from vae.workflows.case import CASE


def _grouped(db) -> dict[str, int]:
    return dict(db.session.execute(select(Case.state, func.count()).group_by(Case.state)).all())


def _fire(db, case, event, actor, **kw):
    assert_ok(CASE.fire(case, event, actor=actor, reason="state counts test", **kw))
    db.session.commit()


def test_counts_follow_every_kind_of_write(db, case_factory, case_in, make_user):
    admin = make_user("admin")
    assert cases_per_state() == {}

    drafts = [case_factory() for _ in range(3)]  # creation
    assert cases_per_state() == _grouped(db) == {"draft": 3}

    incomplete = case_in("incomplete", admin=admin)  # submission, then declared incomplete
    _fire(db, incomplete, "revise", incomplete.candidate)  # back to draft …
    _fire(db, incomplete, "submit", incomplete.candidate)  # … and sent again
    admissible = case_in("admissible", admin=admin)
    closed = case_in("admissible", admin=admin)
    for case_block in closed.blocks:
        assert_ok(BLOCK.fire(case_block, "withdraw", actor=closed.candidate, reason="state counts test"))
    db.session.commit()
    assert closed.state == "closed"  # withdrawing its last open block closes the case
    _fire(db, drafts[0], "abandon", drafts[0].candidate)
    assert cases_per_state() == _grouped(db) == {
        "draft": 2, "submitted": 1, "admissible": 1, "closed": 1, "abandoned": 1}
    assert admissible.state == "admissible"

    db.session.delete(drafts[1])  # deletion of a case
    db.session.commit()
    assert cases_per_state() == _grouped(db) == {
        "draft": 1, "submitted": 1, "admissible": 1, "closed": 1, "abandoned": 1}


def test_counts_follow_bulk_writes_that_bypass_the_models(db):
    generate(120, seed=5)  # the bench generator: multi-row INSERTs of every state
    assert cases_per_state() == _grouped(db) and sum(cases_per_state().values()) == 120

    # Set-based statements, many rows at once, no ORM involved.
    db.session.execute(update(Case).where(Case.state == "submitted").values(state="incomplete"))
    db.session.execute(update(Case).where(Case.state == "incomplete").values(last_activity_at=func.now()))
    db.session.execute(delete(Case).where(Case.state == "abandoned", ~Case.blocks.any(), ~Case.experiences.any()))
    db.session.commit()
    assert cases_per_state() == _grouped(db)


def test_a_rolled_back_change_leaves_the_counts_as_they_were(db, case_factory):
    case = case_factory()
    db.session.execute(update(Case).where(Case.id == case.id).values(state="closed"))
    db.session.execute(insert(Case).values(candidate_id=case.candidate_id, title_id=case.title_id, state="draft"))
    assert cases_per_state() == {"closed": 1, "draft": 1}  # the same transaction sees its own change
    db.session.rollback()
    assert cases_per_state() == _grouped(db) == {"draft": 1}


def test_the_admin_home_shows_the_kept_counts(db, case_in, case_factory, client, login_as):
    admin = login_as("admin")
    case_in("submitted", admin=admin)
    case_in("submitted", admin=admin)
    case_factory()
    revised = case_in("incomplete", admin=admin)
    _fire(db, revised, "revise", revised.candidate)  # leaves "incomplete" with no case
    [queue] = queues.for_user(admin)
    assert queue.counts == {"submitted": 2, "draft": 2}
    page = client.get("/home").get_data(as_text=True)
    assert re.search(r"Brouillon <span class=\"count\">2</span>", page)
    assert re.search(r"Soumis <span class=\"count\">2</span>", page)
    assert re.search(r"Tous <span class=\"count\">4</span>", page)
    assert "Incomplet <span" not in page  # a state without cases offers no filter, as before


def test_the_admin_home_counts_no_case(db, client, make_user, login_as, record_statements):
    """Counting every case grows with the table: the unfiltered admin home reads the kept counts."""
    admin = make_user("admin")  # before the generator: its explicit ids do not move PostgreSQL's sequences
    generate(60, seed=6)
    login_as(admin)
    client.get("/home")  # warm what is cached once per process
    with record_statements() as statements:
        response = client.get("/home")
    assert response.status_code == 200
    grouped = [s for s in statements if re.search(r'FROM "?case"?\b.*GROUP BY', s, re.S)]
    assert grouped == []
    assert any("FROM case_state_count" in s for s in statements)
