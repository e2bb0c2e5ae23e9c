"""Every role's home lists what waits for them: counts per state, oldest first, filters, pages."""
from __future__ import annotations

import html
import re
from datetime import datetime, timedelta, timezone

from freezegun import freeze_time

from vae.home import queues

T0 = datetime(2030, 3, 2, 9, 0, tzinfo=timezone.utc)


def _submitted(case_in, at, **kw):
    with freeze_time(at):
        return case_in("submitted", **kw)


def test_admin_queue_counts_states_and_lists_the_oldest_submission_first(db, case_factory, case_in, make_user, client,
                                                                         login_as):
    newer = _submitted(case_in, T0 + timedelta(days=3))
    older = _submitted(case_in, T0)
    case_factory()  # a draft
    admin = login_as("admin")

    [queue] = queues.for_user(admin)
    assert queue.counts == {"submitted": 2, "draft": 1}
    assert queue.state == "submitted"
    assert [c.id for c in queue.cases] == [older.id, newer.id]

    html = client.get("/home").get_data(as_text=True)
    assert html.index(older.candidate.full_name) < html.index(newer.candidate.full_name)
    assert re.search(r"Brouillon <span class=\"count\">1</span>", html)


def test_admin_filters_by_state_and_title(db, case_factory, client, login_as):
    draft = case_factory(rncp="RNCP37792", block_codes=("RNCP37792BC03",))
    other = case_factory()
    admin = login_as("admin")
    [queue] = queues.for_user(admin, {"admin_state": "draft", "admin_title": str(draft.title_id)})
    assert [c.id for c in queue.cases] == [draft.id]
    assert queue.counts == {"draft": 1}
    html = client.get(f"/home?admin_state=all&admin_title={other.title_id}").get_data(as_text=True)
    assert other.candidate.full_name in html and draft.candidate.full_name not in html


def test_queues_are_paginated(db, case_factory, make_user, client, login_as):
    mentor = make_user("mentor")
    for i in range(queues.PAGE_SIZE + 3):
        with freeze_time(T0 + timedelta(hours=i)):
            case_factory(mentor=mentor)
    login_as(mentor)
    first = client.get("/home").get_data(as_text=True)
    # Keyset pages: the first page links to the next one by a cursor, not by a page number.
    [next_link] = re.findall(r'<a rel="next" href="([^"]+)"', first)
    assert "mentor_after=" in next_link and ">Suivant<" in first
    second = client.get(html.unescape(next_link)).get_data(as_text=True)
    assert 'rel="prev"' in second and 'rel="next"' not in second
    [page_one] = queues.for_user(mentor)
    cursor = page_one.pagination.next_args
    [queue] = queues.for_user(mentor, cursor)
    assert len(queue.cases) == 3 and queue.counts == {"draft": queues.PAGE_SIZE + 3}
    assert not {case.id for case in queue.cases} & {case.id for case in page_one.cases}


def test_a_mentor_sees_only_their_candidates(db, case_factory, make_user):
    mine, theirs = make_user("mentor"), make_user("mentor")
    case = case_factory(mentor=mine)
    case_factory(mentor=theirs)
    [queue] = queues.for_user(mine)
    assert [c.id for c in queue.cases] == [case.id]


def test_home_renders_for_every_role(client, login_as):
    for role in ("candidate", "mentor", "jury", "admin"):
        login_as(role)
        assert client.get("/home").status_code == 200
