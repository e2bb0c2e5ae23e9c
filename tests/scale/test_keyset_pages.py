"""Keyset pages as a user meets them: following "Next" shows every row once, in order.

Ties on the sort key (many rows with the same instant, the same name) are the case an
OFFSET-less page can get wrong; these tests build them on purpose. The deep pages (the
last one, reached by following the links) run as many queries at 1,050 cases as at 50.
"""
import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from bench.generate import generate

NEXT = re.compile(r'<a rel="next" href="([^"]+)"')
PREV = re.compile(r'<a rel="prev" href="([^"]+)"')


def _link(pattern, page: str) -> str | None:
    found = pattern.search(page)
    return html.unescape(found.group(1)) if found else None


def _walk(client, url: str, row: re.Pattern, limit: int = 400) -> list[list[str]]:
    """Every page met by following "Next" from `url`: the rows each one shows."""
    pages = []
    while url and len(pages) < limit:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.get_data(as_text=True)
        pages.append(row.findall(text))
        url = _link(NEXT, text)
    return pages


def _flat(pages):
    return [item for page in pages for item in page]


def test_following_next_through_the_journal_shows_every_event_once_newest_first(client, db, login_as):
    from vae.core.clock import now
    from vae.models import AuditEvent

    login_as("admin")
    instant = now().replace(microsecond=0)
    # 130 events at three instants: most of them tie on the time and differ only by id.
    events = [AuditEvent(occurred_at=instant - timedelta(minutes=i % 3), subject_type="probe", subject_id=i,
                         event="probe.seen", data={}) for i in range(130)]
    db.session.add_all(events)
    db.session.commit()
    expected = [str(e.subject_id) for e in sorted(events, key=lambda e: (e.occurred_at, e.id), reverse=True)]

    pages = _walk(client, "/security/audit?subject_type=probe", re.compile(r"<td[^>]*>probe (\d+)</td>"))
    assert [len(p) for p in pages] == [50, 50, 30]
    assert _flat(pages) == expected  # in order, none twice, none missing

    # "Previous" from the last page gives back the page before it, and the first page has none.
    last = client.get(_last_url(client, "/security/audit?subject_type=probe")).get_data(as_text=True)
    back = client.get(_link(PREV, last)).get_data(as_text=True)
    assert re.findall(r"<td[^>]*>probe (\d+)</td>", back) == pages[1]
    first = client.get(_link(PREV, back)).get_data(as_text=True)
    assert re.findall(r"<td[^>]*>probe (\d+)</td>", first) == pages[0] and _link(PREV, first) is None


def _last_url(client, url: str) -> str:
    while True:
        following = _link(NEXT, client.get(url).get_data(as_text=True))
        if following is None:
            return url
        url = following


def test_the_journal_page_does_not_count_the_journal(client, db, login_as, record_statements):
    login_as("admin")
    with record_statements() as statements:
        assert client.get("/security/audit").status_code == 200
    seen = [s.lower() for s in statements]
    assert [s for s in seen if "from audit_event" in s]  # the page did read the journal…
    assert not [s for s in seen if "count(" in s and "audit_event" in s]  # …without counting it


def test_people_with_the_same_name_are_each_listed_once(client, db, login_as):
    from vae.models import User

    login_as("admin")
    db.session.execute(User.__table__.insert(), [
        {"email": f"dupont{i}@example.org", "password_hash": "!", "first_name": "Jean", "last_name": "Dupont",
         "locale": "fr"} for i in range(120)])
    db.session.commit()
    expected = [str(u) for u in db.session.scalars(select(User.id).order_by(User.last_name, User.first_name,
                                                                            User.id))]
    pages = _walk(client, "/admin/users", re.compile(r'href="/admin/users/(\d+)"'))
    assert all(len(p) <= 50 for p in pages) and len(pages) >= 3
    assert _flat(pages) == expected


def test_the_admin_queue_pages_through_ties_and_unsubmitted_cases(client, db, make_user, login_as):
    from vae.models import Case

    admin = make_user("admin")
    generate(120, seed=7)
    # Every submitted case submitted at the same instant: the order falls to the last activity, then the id.
    one_instant = db.session.scalar(select(func.min(Case.submitted_at)))
    db.session.execute(update(Case).where(Case.submitted_at.is_not(None)).values(submitted_at=one_instant))
    db.session.commit()
    login_as(admin)
    expected = [str(i) for i in db.session.scalars(
        select(Case.id).order_by(Case.submitted_at.is_(None), Case.submitted_at, Case.last_activity_at, Case.id))]
    pages = _walk(client, "/home?admin_state=all", re.compile(r'href="/cases/(\d+)"'))
    assert len(pages) == 6 and all(len(p) == 20 for p in pages)
    assert _flat(pages) == expected  # drafts (never submitted) come last, each once


def test_the_admissibility_queue_keeps_its_title_filter_from_page_to_page(client, db, make_user, login_as):
    from vae.models import Case

    admin = make_user("admin")
    generate(1_000, seed=8)
    login_as(admin)
    title_id = db.session.scalar(select(Case.title_id).where(Case.state == "submitted")
                                 .group_by(Case.title_id).order_by(func.count().desc(), Case.title_id).limit(1))
    everyone = [str(i) for i in db.session.scalars(select(Case.id).where(Case.state == "submitted")
                                                   .order_by(Case.submitted_at, Case.id))]
    assert len(everyone) > 100
    pages = _walk(client, "/admissibility/", re.compile(r'href="/admissibility/cases/(\d+)"'))
    assert _flat(pages) == everyone and all(len(p) == 50 for p in pages[:-1])
    filtered = _walk(client, f"/admissibility/?title={title_id}", re.compile(r'href="/admissibility/cases/(\d+)"'))
    assert _flat(filtered) == [str(i) for i in db.session.scalars(
        select(Case.id).where(Case.state == "submitted", Case.title_id == title_id)
        .order_by(Case.submitted_at, Case.id))]


@pytest.mark.parametrize("path", ["/security/audit?after=", "/admissibility/?after=", "/admin/users?before=",
                                  "/mentor/?after=", "/home?admin_after="])
@pytest.mark.parametrize("cursor", ["garbage!", "WzEsMl0", "eyJhIjoxfQ", "W251bGwsbnVsbF0", "x" * 5000,
                                    "WyIyMDI2LTAxLTAxIiwidGV4dCJd"])
def test_a_tampered_cursor_answers_400_with_a_message(client, login_as, path, cursor):
    from vae.models.states import ADMIN, MENTOR

    login_as(MENTOR if path.startswith("/mentor") else ADMIN)
    response = client.get(path + cursor)
    assert response.status_code == 400
    assert "Recommencez depuis la première page" in response.get_data(as_text=True)


DEEP_PAGES = {
    "audit": "/security/audit",
    "admissibility queue": "/admissibility/",
    "people": "/admin/users",
    "admin home, every state": "/home?admin_state=all",
}


def _last_page_queries(client, count_queries, pages):
    counts = {}
    for name, path in pages.items():
        last = _last_url(client, path)
        client.get(last)
        with count_queries() as n:
            assert client.get(last).status_code == 200
        counts[name] = n()
    return counts


def test_the_last_page_runs_as_many_queries_at_1050_cases_as_at_50(client, db, make_user, login_as, count_queries):
    admin = make_user("admin")
    generate(50, seed=9)
    login_as(admin)
    small = _last_page_queries(client, count_queries, DEEP_PAGES)
    generate(1_000, seed=10)
    large = _last_page_queries(client, count_queries, DEEP_PAGES)
    assert large == small
