"""The admissibility queue says how many applications wait without counting every one of them.

Unfiltered, the number is the count the database keeps per state (`case_state_count`, kept by
triggers): a COUNT of the submitted cases read ~20,000 index entries at 100k cases. Filtered by
title, the title's submitted cases are counted.
"""
from __future__ import annotations

from sqlalchemy import func, select

from bench.generate import generate
from vae.models import Case


def test_the_queue_says_how_many_wait_from_the_kept_counts(db, client, make_user, login_as, page_statements):
    admin = make_user("admin")
    generate(300, seed=21)
    login_as(admin)
    waiting = db.session.scalar(select(func.count()).where(Case.state == "submitted"))
    assert waiting > 50

    page, seen = page_statements("/admissibility/")
    assert f"<p>{waiting} candidatures attendent.</p>" in page
    assert not [s for s in seen if s.startswith("select count(")], seen

    title_id, per_title = db.session.execute(
        select(Case.title_id, func.count()).where(Case.state == "submitted").group_by(Case.title_id)
        .order_by(func.count().desc()).limit(1)).one()
    page, seen = page_statements(f"/admissibility/?title={title_id}")
    assert [s for s in seen if s.startswith("select count(")]
    assert f"<p>{per_title} candidature" in page


def test_the_kept_count_leaves_out_cases_ruled_on_or_not_submitted(db, client, make_user, login_as, case_in):
    admin = make_user("admin")
    case_in("submitted")
    case_in("submitted")
    case_in("admissible")  # submitted, then ruled admissible: no longer waiting
    case_in("draft")
    login_as(admin)
    assert "<p>2 candidatures attendent.</p>" in client.get("/admissibility/").get_data(as_text=True)
