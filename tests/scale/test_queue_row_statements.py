"""The case queues read their rows' titles, candidates and mentors in the page's own statement.

The admin home, the admissibility queue and the mentor queue used to load each relation of
the page's cases with a statement of its own (`… WHERE title.id IN (…)`, the people, the
blocks of the chosen blocks): one statement and one IN list each, per page. They are now
joined to the page's statement (and the block rows to the statement that reads the chosen
blocks). Counted, never timed; the rows shown are the same, in the same order.
"""
import re

import pytest
from sqlalchemy import select

from bench.generate import generate

# A relation loaded by a statement of its own: "FROM title WHERE title.id IN (…)".
# ("user" is quoted on PostgreSQL only.)
SEPARATE_LOOKUP = re.compile(r'from "?(user|title|block)"? where "?\1"?\.id in')


def _separate_lookups(statements):
    return [s for s in statements if SEPARATE_LOOKUP.search(s)]


def test_the_admin_home_reads_titles_and_candidates_with_its_cases(page_statements, db, make_user, login_as):
    from vae.models import Case, User

    admin = make_user("admin")  # before the generator: its explicit ids do not move the id sequence
    generate(150, seed=21)
    login_as(admin)
    page, seen = page_statements("/home")
    assert not _separate_lookups(seen)
    # The blocks of the page's cases, with their block rows, in one statement.
    assert len([s for s in seen if s.startswith("select case_block.case_id")]) == 1
    first = db.session.execute(
        select(Case.id, User.first_name, User.last_name).join(User, Case.candidate_id == User.id)
        .where(Case.state == "submitted")
        .order_by(Case.submitted_at.is_(None), Case.submitted_at, Case.last_activity_at, Case.id).limit(20)).all()
    rows = re.findall(r'<td[^>]*><a href="/cases/(\d+)">([^<]+)</a></td>', page)
    assert rows == [(str(id_), f"{first_name} {last_name}") for id_, first_name, last_name in first]


def test_the_admissibility_queue_reads_titles_and_people_with_its_cases(page_statements, db, make_user, login_as):
    from vae.models import Case, Title

    admin = make_user("admin")
    generate(150, seed=22)
    login_as(admin)
    page, seen = page_statements("/admissibility/")
    assert not _separate_lookups(seen)
    oldest = db.session.execute(select(Case.id, Title.rncp_code, Case.mentor_id).join(Title)
                                .where(Case.state == "submitted").order_by(Case.submitted_at, Case.id).limit(50)).all()
    rows = re.findall(r'href="/admissibility/cases/(\d+)">[^<]+</a></td>\s*<td[^>]*>([^<]+)</td>', page)
    assert rows == [(str(id_), code) for id_, code, _ in oldest]
    assert any(mentor for _, _, mentor in oldest)  # some rows name a mentor…
    assert len(re.findall(r"<td[^>]*>—</td>", page)) == len([1 for _, _, mentor in oldest if not mentor])  # …the others a dash


def test_the_mentor_queue_reads_titles_and_candidates_with_its_cases(page_statements, db, make_user, login_as):
    from vae.mentor.queue import ACTIVE_STATES
    from vae.models import Case

    mentor = make_user("mentor")
    generate(150, seed=23, mentor=mentor)
    login_as(mentor)
    page, seen = page_statements("/mentor/")
    assert not _separate_lookups(seen)
    assert len([s for s in seen if s.startswith("select case_block.case_id")]) == 1
    mine = db.session.scalars(select(Case.id).where(Case.mentor_id == mentor.id, Case.state.in_(ACTIVE_STATES))
                              .order_by(Case.last_activity_at, Case.id).limit(30)).all()
    assert mine
    assert re.findall(r'<a href="/cases/(\d+)">', page) == [str(id_) for id_ in mine]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_row_day_is_what_the_date_filter_shows(app, language):
    from datetime import date, datetime, timezone

    from flask_babel import force_locale

    from vae.core.row_dates import DayFormat

    moments = [datetime(2026, 3, 28, 22, 59), datetime(2026, 3, 28, 23, 1), datetime(2026, 3, 29, 0, 30),
               datetime(2026, 10, 24, 22, 30), datetime(2026, 12, 31, 23, 30), datetime(2026, 1, 1, 0, 0),
               datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc), date(2026, 7, 14), None]
    with app.test_request_context("/"), force_locale(language):
        day, by_filter = DayFormat(), app.jinja_env.filters["date"]
        for _ in range(2):  # the second round is read from the page's memory of days
            assert [day(moment) for moment in moments] == [by_filter(moment) for moment in moments]


def test_the_admissibility_queue_shows_submission_days_as_before(page_statements, client, db, make_user, login_as):
    from flask_babel import force_locale, format_date

    from vae.models import Case

    admin = make_user("admin")
    generate(80, seed=24)
    login_as(admin)
    oldest = db.session.scalars(select(Case.submitted_at).where(Case.state == "submitted")
                                .order_by(Case.submitted_at, Case.id).limit(50)).all()
    for language in ("fr", "en"):
        client.post("/language", data={"language": language})
        page, _ = page_statements("/admissibility/")
        with client.application.test_request_context("/"), force_locale(language):
            expected = [format_date(moment) for moment in oldest]
        shown = re.findall(r'</span> </td>\s*<td[^>]*>([^<]+)</td>|</td>\s*<td[^>]*></td>\s*<td[^>]*>([^<]+)</td>', page)
        assert [a or b for a, b in shown] == expected


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_page_labels_are_the_state_labels(app, language):
    from flask_babel import force_locale

    from vae.workflows.labels import STATE_LABELS, state_label, state_labels

    with app.test_request_context("/"), force_locale(language):
        assert state_labels() == {state: state_label(state) for state in STATE_LABELS}
        assert state_labels()["draft"] == ("Brouillon" if language == "fr" else "Draft")


def test_the_state_reader_reads_what_state_seen_reads(app, db, make_user):
    from flask_login import login_user

    from vae.jury.publication import state_reader, state_seen
    from vae.models import Case

    people = {role: make_user(role) for role in ("admin", "mentor", "candidate")}  # before the generator's ids
    generate(40, seed=25)
    cases = db.session.scalars(select(Case).limit(40)).all()
    rows = cases + [cb for case in cases for cb in case.blocks]
    for role, person in people.items():
        with app.test_request_context("/"):
            login_user(person)
            reader = state_reader()
            assert [reader(row) for row in rows] == [state_seen(row) for row in rows]
            assert (reader is state_seen) == (role != "admin")  # staff read the real state directly


def test_the_journal_reads_its_actors_with_its_entries(page_statements, db, make_user, login_as):
    from vae.core.audit import record
    from vae.models import AuditEvent

    admin = make_user("admin")  # people before the generator: its explicit ids do not move the id sequence
    actors = [make_user("mentor"), make_user("admin"), None]
    generate(30, seed=26)
    for number in range(60):
        record(actors[number % 3], "case", number, "noted")
    db.session.commit()
    login_as(admin)
    db.session.expunge_all()  # a request starts with no one loaded, as in production
    page, seen = page_statements("/security/audit")
    assert not _separate_lookups(seen)
    newest = db.session.scalars(select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
                                .limit(50)).all()
    shown = re.findall(r"<tr>\s*<td[^>]*>[^<]+</td>\s*<td[^>]*>([^<]+)</td>", page)
    assert shown == [event.actor.email if event.actor else ("système" if "système" in page else "system")
                     for event in newest]
    assert {event.actor_id for event in newest} > {None}  # some rows name an actor
