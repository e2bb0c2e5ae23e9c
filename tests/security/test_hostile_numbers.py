"""Item 12: ids beyond 64 bits, NaN and infinities, years 0001 and 9999, `next` with CR/LF:
a refusal (4xx) with a message, never a 500, and nothing written."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select
from werkzeug.routing import IntegerConverter

from vae.models import Experience

HUGE_IDS = ["9223372036854775808", "99999999999999999999", "2147483648", "18446744073709551616"]


def _int_routes(app):
    for rule in app.url_map.iter_rules():
        ints = [name for name, conv in rule._converters.items() if isinstance(conv, IntegerConverter)]
        if ints and "GET" in rule.methods and set(rule.arguments) == set(ints):
            yield rule, ints


@pytest.mark.parametrize("actor", ["candidate", "admin"])
@pytest.mark.parametrize("huge", HUGE_IDS[:2])
def test_ids_beyond_the_database_integer_are_not_found(app, client, login_as, actor, huge):
    login_as(actor)
    checked = 0
    for rule, ints in _int_routes(app):
        url = rule.rule
        for name in ints:
            url = url.replace(f"<int:{name}>", huge)
        status = client.get(url).status_code
        assert status in (302, 403, 404), f"{url}: {status}"
        checked += 1
    assert checked > 10
    assert client.get(f"/files/evidence/{huge}").status_code == 404


@pytest.mark.parametrize("param", ["title_id", "page", "case_id", "session_id"])
@pytest.mark.parametrize("huge", HUGE_IDS[:2])
def test_huge_numbers_in_query_parameters_do_not_break_pages(client, login_as, param, huge):
    login_as("candidate")
    assert client.get(f"/cases/new?{param}={huge}").status_code < 500
    login_as("admin")
    for page in ("/security/audit", "/admin/users", "/dashboard/"):
        assert client.get(f"{page}?{param}={huge}").status_code < 500, page


@pytest.fixture
def candidate_case(client, case_factory, login_as):
    case = case_factory()
    login_as(case.candidate)
    return case


def _experience(**overrides):
    data = {"employer": "Mme Martin", "role": "Aide à domicile", "start_date": "2020-01-01", "end_date": "",
            "hours_per_week": "20", "activities": "Courses, repas"}
    data.update(overrides)
    return data


@pytest.mark.parametrize("value", ["NaN", "sNaN", "-sNaN", "Infinity", "-Infinity", "inf", "1e999"])
def test_not_a_number_hours_are_refused_with_a_message(client, db, candidate_case, value):
    before = db.session.scalar(select(func.count(Experience.id)))
    response = client.post(f"/cases/{candidate_case.id}/experiences/new", data=_experience(hours_per_week=value))
    assert response.status_code in (200, 400)
    assert 'class="error"' in response.get_data(as_text=True) or "flash" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Experience.id))) == before


@pytest.mark.parametrize("field, value", [("start_date", "0001-01-01"), ("start_date", "9999-12-31"),
                                          ("end_date", "9999-12-31"), ("start_date", "1899-12-31")])
def test_absurd_years_are_refused_with_a_message(client, db, candidate_case, field, value):
    before = db.session.scalar(select(func.count(Experience.id)))
    response = client.post(f"/cases/{candidate_case.id}/experiences/new", data=_experience(**{field: value}))
    assert response.status_code in (200, 400)
    assert db.session.scalar(select(func.count(Experience.id))) == before


def test_a_sane_experience_is_still_saved(client, db, candidate_case):
    before = db.session.scalar(select(func.count(Experience.id)))
    response = client.post(f"/cases/{candidate_case.id}/experiences/new", data=_experience(hours_per_week="35.5"))
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(Experience.id))) == before + 1


@pytest.mark.parametrize("query", ["next=%0d%0aSet-Cookie:%20x=1", "next=/%0d%0a", "next=%0a//evil.example"])
def test_next_with_a_line_break_is_not_a_500(client, make_user, query):
    assert client.get(f"/auth/login?{query}").status_code < 500
    user = make_user("candidate")
    response = client.post(f"/auth/login?{query}", data={"email": user.email, "password": "correct horse battery"})
    assert response.status_code in (302, 400)
    assert "\n" not in response.headers.get("Location", "") and "Set-Cookie: x" not in str(response.headers)
