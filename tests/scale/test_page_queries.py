"""Every staff page runs the same number of queries at 50 cases as at 1,050.

The dataset comes from the bench generator (bulk inserts, same shape as the 100k-case
bench), so a list that loads every row, or a query per row, shows up as a count that
grows with the database.
"""
import html
import re

import pytest

from bench.generate import generate

STAFF_PAGES = {
    "admin home": "/home",
    "admin home, draft": "/home?admin_state=draft",
    "admissibility queue": "/admissibility/",
    "people": "/admin/users",
    "people, search": "/admin/users?q=nom",
    "catalogue": "/catalog/",
    "catalogue, search": "/catalog/?q=titre",
    "certificates of sessions": "/admin/certification/sessions",
    "jury sessions": "/jury/admin/sessions",
    "audit": "/security/audit",
    "dashboard": "/dashboard/",
}
MENTOR_PAGES = {"mentor queue": "/mentor/", "mentor home": "/home"}


def _counts(client, count_queries, pages):
    counts = {}
    for name, path in pages.items():
        client.get(path)  # warm caches that are filled once per process
        with count_queries() as n:
            response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = n()
    return counts


@pytest.mark.parametrize("role, pages", [("admin", STAFF_PAGES), ("mentor", MENTOR_PAGES)])
def test_staff_pages_run_as_many_queries_at_1050_cases_as_at_50(client, db, make_user, login_as, count_queries,
                                                               role, pages):
    staff = make_user(role)
    mentor = staff if role == "mentor" else None
    generate(50, seed=1, mentor=mentor)
    login_as(staff)
    small = _counts(client, count_queries, pages)
    generate(1_000, seed=2, mentor=mentor)
    large = _counts(client, count_queries, pages)
    assert large == small


def test_the_queues_show_one_page_and_say_how_many_wait(client, db, make_user, login_as):
    admin = make_user("admin")
    generate(400, seed=3)
    login_as(admin)
    from sqlalchemy import func, select

    from vae.models import Case

    waiting = db.session.scalar(select(func.count()).where(Case.state == "submitted"))
    assert waiting > 50
    page = client.get("/admissibility/").get_data(as_text=True)
    assert page.count('href="/admissibility/cases/') == 50
    assert f"{waiting} " in page and 'rel="next"' in page
    # Keyset pages: following "Next" to the end shows the rest of the queue on the last page.
    last = page
    for _ in range((waiting - 1) // 50):
        last = client.get(html.unescape(re.search(r'rel="next" href="([^"]+)"', last).group(1))).get_data(as_text=True)
    assert last.count('href="/admissibility/cases/') == waiting - 50 * ((waiting - 1) // 50)
    assert 'rel="next"' not in last


def test_a_mentor_queue_pages_through_every_assigned_case(client, db, make_user, login_as):
    mentor = make_user("mentor")
    generate(1_000, seed=4, mentor=mentor)
    login_as(mentor)
    from sqlalchemy import func, select

    from vae.mentor.queue import ACTIVE_STATES, PAGE_SIZE
    from vae.models import Case

    assigned = db.session.scalar(select(func.count()).where(Case.mentor_id == mentor.id,
                                                             Case.state.in_(ACTIVE_STATES)))
    assert assigned > PAGE_SIZE
    seen, url = 0, "/mentor/"
    while url:
        page = client.get(url).get_data(as_text=True)
        seen += page.count('href="/cases/')
        following = re.search(r'rel="next" href="([^"]+)"', page)
        url = html.unescape(following.group(1)) if following else None
    assert seen == assigned


def test_with_thousands_of_titles_the_admin_filters_by_typed_code(client, db, make_user, login_as):
    from sqlalchemy import func, select

    from vae.home.queues import TITLE_CHOICES
    from vae.models import Case, Title

    admin = make_user("admin")
    generate(1_100, seed=5)
    login_as(admin)
    assert db.session.scalar(select(func.count(func.distinct(Case.title_id)))) > TITLE_CHOICES
    page = client.get("/home").get_data(as_text=True)
    assert 'name="admin_code"' in page and "<option" not in page.split('name="admin_code"')[0][-2000:]
    title = db.session.scalars(select(Title).join(Case, Case.title_id == Title.id)
                               .where(Case.state == "submitted").limit(1)).first()
    filtered = client.get(f"/home?admin_state=submitted&admin_code={title.rncp_code.lower()}").get_data(as_text=True)
    listed = db.session.scalar(select(func.count()).where(Case.title_id == title.id, Case.state == "submitted"))
    assert 0 < listed <= 20 and filtered.count('href="/cases/') == listed
    unknown = client.get("/home?admin_state=submitted&admin_code=RNCP0")
    assert unknown.status_code == 200 and 'href="/cases/' not in unknown.get_data(as_text=True)


def test_the_admissibility_filter_survives_a_title_beyond_the_integer(client, login_as):
    login_as("admin")
    assert client.get("/admissibility/?title=99999999999999999999").status_code in (200, 400)  # not a 500
    assert client.get("/admissibility/?after=0").status_code == 400
    assert client.get("/admissibility/?title=1").status_code == 200
