"""The staff lists' rows are built with less work, and show what they showed before.

Links come from one `url_for` per page (`vae.core.row_urls.IdUrl`); the people list runs no
COUNT; the admissibility queue reads its block codes in one query without loading the
people's roles. Counted, never timed: docs/performance.md has the bench figures.
"""
import re

from flask import url_for
from sqlalchemy import select

from bench.generate import generate
from vae.core.row_urls import IdUrl


def test_an_id_url_is_what_url_for_builds(app):
    with app.test_request_context("/"):
        for endpoint, arg in (("candidate.case", "case_id"), ("dossier.block", "case_block_id"),
                              ("admin.user", "user_id"), ("admissibility.case", "case_id")):
            built = IdUrl(endpoint, arg)
            for value in (1, 42, 987654, 987654321, 2**31 - 1):
                assert built[value] == url_for(endpoint, **{arg: value})


def test_the_people_list_links_each_person_without_counting_everyone(page_statements, client, db, make_user, login_as):
    from vae.models import User

    admin = make_user("admin")  # before the generator: its explicit ids do not move the id sequence
    generate(60, seed=11)
    login_as(admin)
    page, seen = page_statements("/admin/users")
    people = [s for s in seen if "user.last_name" in s.replace('"', "")]
    assert people  # the page did read the people…
    assert not [s for s in people if "count(" in s]  # …without counting them
    first = db.session.scalars(select(User).order_by(User.last_name, User.first_name, User.id).limit(50)).all()
    links = re.findall(r'href="/admin/users/(\d+)"', page)
    assert links[:50] == [str(person.id) for person in first]


def test_the_admissibility_queue_shows_block_codes_without_loading_roles(page_statements, client, db, make_user, login_as):
    from vae.models import Block, Case, CaseBlock

    admin = make_user("admin")  # before the generator: its explicit ids do not move the id sequence
    generate(120, seed=12)
    login_as(admin)
    page, seen = page_statements("/admissibility/")
    # Only the signed-in person's own roles are read (the user loader); not the candidates' or mentors'.
    assert len([s for s in seen if "from user_role" in s]) <= 1
    assert not [s for s in seen if s.startswith("select case_block.case_id, case_block.id")]  # no ORM block rows
    oldest = db.session.scalars(select(Case).where(Case.state == "submitted")
                                .order_by(Case.submitted_at, Case.id).limit(50)).all()
    rows = re.findall(r'<tr>\s*<td[^>]*><a href="/admissibility/cases/(\d+)">.*?</tr>', page, re.S)
    assert rows == [str(case.id) for case in oldest]
    for case in oldest[:10]:
        codes = db.session.scalars(select(Block.code).join(CaseBlock, CaseBlock.block_id == Block.id)
                                   .where(CaseBlock.case_id == case.id).order_by(CaseBlock.id)).all()
        row = re.search(rf'href="/admissibility/cases/{case.id}">(.*?)</tr>', page, re.S).group(1)
        assert re.findall(r'<span class="chip">([^<]+)</span>', row) == codes
        assert codes


def test_the_mentor_queue_links_cases_and_blocks_and_reads_no_roles_of_candidates(page_statements, client, db, make_user,
                                                                                  login_as):
    mentor = make_user("mentor")
    generate(200, seed=13, mentor=mentor)
    login_as(mentor)
    page, seen = page_statements("/mentor/")
    assert len([s for s in seen if "from user_role" in s]) <= 1
    assert re.findall(r'href="/cases/(\d+)"', page)
    assert re.findall(r'href="/blocks/(\d+)"', page)
    assert 'class="badge state-' in page


def test_the_journal_shows_each_moment_as_the_datetime_filter_did(page_statements, client, db, make_user, login_as):
    from flask_babel import force_locale, format_datetime

    from vae.models import AuditEvent

    admin = make_user("admin")  # before the generator: its explicit ids do not move the id sequence
    generate(30, seed=14)
    login_as(admin)
    for language in ("fr", "en"):
        client.post("/language", data={"language": language})
        page, seen = page_statements("/security/audit")
        assert len([s for s in seen if "from user_role" in s]) <= 1  # the actors' roles are not read
        newest = db.session.scalars(select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
                                    .limit(50)).all()
        with client.application.test_request_context("/"), force_locale(language):
            expected = [format_datetime(event.occurred_at, "short") for event in newest]
        shown = re.findall(r"<tr>\s*<td[^>]*>([^<]+)</td>", page)
        assert shown == expected


def test_the_mentor_queue_does_not_count_the_mentors_cases(page_statements, client, db, make_user, login_as):
    mentor = make_user("mentor")
    generate(100, seed=15, mentor=mentor)
    login_as(mentor)
    page, seen = page_statements("/mentor/")
    cases = [s for s in seen if 'from "case"' in s.replace("`", '"')]
    assert cases  # the page did read the mentor's cases…
    assert not [s for s in cases if "count(" in s]  # …without counting them (the page shows no total)
