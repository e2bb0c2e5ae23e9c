"""Dashboard figures against a dataset built through the engine, whose answers the test computes itself."""
from __future__ import annotations

import re

import csv
import io
import statistics
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from freezegun import freeze_time

from tests.fixtures.builders import assert_ok
from vae.dashboard.figures import dashboard
from vae.models import Interview, JuryMember, JurySession, Score, TitleAward
from vae.workflows.block import BLOCK
from vae.workflows.case import CASE

T0 = datetime(2029, 11, 5, 8, 0, tzinfo=timezone.utc)

# Per case: days from creation to submission, then to the ruling, then the ruling;
# then per case, days from admissibility to block submission and to validation (None: not reached).
PLAN = [
    # submit, rule, ruling,              block submitted, validated
    (3, 10, "declare_admissible", 20, 45),
    (5, 30, "declare_admissible", 12, 70),
    (8, 61, "admit_by_silence", 40, None),
    (2, 7, "declare_incomplete", None, None),
    (6, 15, "declare_inadmissible", None, None),
    (4, None, None, None, None),            # still waiting for the ruling
    (None, None, None, None, None),         # still a draft
]


@pytest.fixture
def dataset(db, case_factory, make_user, app, cover_all):
    admin, president, juror = make_user("admin"), make_user("jury"), make_user("jury")
    expected = {"durations": {k: [] for k in ("identification", "admissibility", "documentation", "assessment")},
                "months": Counter(), "states": Counter()}
    for i, (submit, rule, ruling, block_submit, validate) in enumerate(PLAN):
        start = T0 + timedelta(days=i)
        with freeze_time(start) as clock:
            case = case_factory(block_codes=("RNCP37780BC01",))
            state = "draft"
            if submit is not None:
                clock.move_to(start + timedelta(days=submit))
                assert_ok(CASE.fire(case, "submit", actor=case.candidate))
                expected["durations"]["identification"].append(submit)
                state = "submitted"
            if ruling is not None:
                clock.move_to(start + timedelta(days=submit + rule))
                actor = None if ruling == "admit_by_silence" else admin
                assert_ok(CASE.fire(case, ruling, actor=actor, reason="pièces manquantes"))
                expected["durations"]["admissibility"].append(rule)
                state = {"declare_admissible": "admissible", "admit_by_silence": "admissible",
                         "declare_incomplete": "incomplete", "declare_inadmissible": "inadmissible"}[ruling]
            block = case.blocks[0]
            if block_submit is not None:
                at = start + timedelta(days=submit + rule + block_submit)
                clock.move_to(at)
                block.honour_signed_at = at
                cover_all(block)
                assert_ok(BLOCK.fire(block, "submit", actor=case.candidate))
                expected["durations"]["documentation"].append(block_submit)
            if validate is not None:
                session = JurySession(title=case.title, starts_at=at + timedelta(days=validate))
                session.members = [JuryMember(user=president, qualification="practising_professional",
                                              is_president=True),
                                   JuryMember(user=juror, qualification="trainer")]
                interview = Interview(session=session, case=case, starts_at=session.starts_at, duration_minutes=45,
                                      state="scheduled", outcome="pending")
                block.interview = interview
                db.session.add(interview)
                assert_ok(BLOCK.fire(block, "schedule", actor=admin))
                moment = at + timedelta(days=validate)
                clock.move_to(moment)
                interview.outcome = "held"
                interview.identity_document = "national_id_card"  # no decision without the identity check
                db.session.add_all([Score(interview=interview, member=session.president, competence=c,
                                          level="demonstrated", submitted_at=moment)
                                    for c in block.block.competences])
                assert_ok(BLOCK.fire(block, "validate", actor=president))
                expected["durations"]["assessment"].append(validate)
                expected["months"][moment.strftime("%Y-%m")] += 1
            expected["states"][state] += 1
            db.session.commit()
    db.session.add(TitleAward(candidate=case.candidate, title=case.title))
    db.session.commit()
    return expected


def test_cases_per_state_and_per_title(dataset):
    board = dashboard()
    assert {s: n for s, n in board.per_state.items() if n} == dict(dataset["states"])
    assert board.per_title == [("RNCP37780", board.per_title[0][1], len(PLAN))]


def test_funnel_counts_each_step(dataset):
    submitted = sum(1 for p in PLAN if p[0] is not None)
    admissible = sum(1 for p in PLAN if p[2] in ("declare_admissible", "admit_by_silence"))
    blocks_submitted = sum(1 for p in PLAN if p[3] is not None)
    validated = sum(1 for p in PLAN if p[4] is not None)
    assert dashboard().funnel == {"cases_submitted": submitted, "cases_admissible": admissible,
                                  "blocks_submitted": blocks_submitted, "blocks_validated": validated,
                                  "titles_awarded": 1}


def test_median_days_per_phase(dataset):
    medians = dashboard().medians
    for phase, durations in dataset["durations"].items():
        assert medians[phase] == round(statistics.median(durations), 1), phase
    assert medians["certification"] is None  # no block certified yet


def test_blocks_validated_per_month(dataset):
    assert dashboard().per_month == sorted(dataset["months"].items())


def test_the_page_draws_svg_charts_and_the_csv_has_the_same_figures(dataset, client, login_as):
    login_as("admin")
    page = client.get("/dashboard/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    # Charts drawn on the server: the only script is the site-wide phone menu.
    assert html.count("<svg") == 5 and "style=" not in html
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/js/site.js" defer>']

    export = client.get("/dashboard/figures.csv")
    assert export.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(export.get_data(as_text=True))))
    funnel = {r["key"]: int(r["value"]) for r in rows if r["figure"] == "funnel"}
    assert funnel == dashboard().funnel
    months = {r["key"]: int(r["value"]) for r in rows if r["figure"] == "blocks_validated_per_month"}
    assert months == dict(dataset["months"])


@pytest.mark.parametrize("role", ["candidate", "mentor", "jury"])
def test_only_admins_see_the_dashboard(client, login_as, role):
    login_as(role)
    assert client.get("/dashboard/").status_code == 403
    assert client.get("/dashboard/figures.csv").status_code == 403


def test_the_figures_equal_those_computed_from_the_journal(dataset):
    from tests.dashboard.journal_reference import dashboard_from_journal

    assert dashboard() == dashboard_from_journal()
