"""Who refreshes the dashboard: `flask vae tick` (cron) and the `dashboard_refresh` job; and the bench's
generated history writes the phase timestamps the engine would have written."""
from __future__ import annotations

from sqlalchemy import select

from bench.generate import generate
from tests.dashboard.journal_reference import dashboard_from_journal
from tests.fixtures.builders import assert_ok
from vae.dashboard.figures import dashboard
from vae.dashboard.snapshot import TITLES_SHOWN, latest
from vae.models import JobRun
from vae.workflows.case import CASE


def test_tick_refreshes_the_dashboard_the_page_reads(db, runner, case_factory, client, login_as):
    case = case_factory()
    assert_ok(CASE.fire(case, "submit", actor=case.candidate))
    db.session.commit()
    assert latest()[1] is None  # never refreshed: computed live

    result = runner.invoke(args=["vae", "tick"])
    assert result.exit_code == 0, result.output
    assert "dashboard figures computed at" in result.output
    stored, computed_at = latest()
    assert computed_at is not None and stored.funnel["cases_submitted"] == 1

    case_factory()  # a new draft shows after the next tick, not before
    db.session.commit()
    login_as("admin")
    assert "cases_per_state,draft,,0" in client.get("/dashboard/figures.csv").get_data(as_text=True)
    assert runner.invoke(args=["vae", "tick"]).exit_code == 0
    assert "cases_per_state,draft,,1" in client.get("/dashboard/figures.csv").get_data(as_text=True)


def test_the_refresh_job_stores_the_figures(db, runner, case_factory):
    case_factory()
    db.session.commit()
    result = runner.invoke(args=["vae", "enqueue", "dashboard_refresh"])  # no queue configured: runs now
    assert result.exit_code == 0, result.output
    run = db.session.scalars(select(JobRun).where(JobRun.kind == "dashboard_refresh")).one()
    assert run.state == "done" and "dashboard figures computed at" in run.summary
    stored, computed_at = latest()
    assert computed_at is not None and stored.per_state["draft"] == 1


def test_the_bench_history_has_the_timestamps_the_engine_writes(db):
    generate(120, seed=7)
    board = dashboard()
    assert board.funnel["cases_submitted"] > 0 and board.medians["admissibility"] is not None
    assert board == dashboard_from_journal()


def test_the_page_loads_the_first_titles_and_the_csv_every_title(db, runner, client, login_as, record_statements):
    login_as("admin")  # first: the generator's explicit ids do not move PostgreSQL's sequences
    generate(200, seed=8)  # more titles hold cases than the page shows
    assert runner.invoke(args=["vae", "dashboard-refresh"]).exit_code == 0
    every_title = dashboard().per_title
    assert len(every_title) > TITLES_SHOWN
    assert latest()[0].per_title == every_title[:TITLES_SHOWN]

    with record_statements() as statements:
        page = client.get("/dashboard/").get_data(as_text=True)
    assert every_title[TITLES_SHOWN - 1][0] in page and every_title[TITLES_SHOWN][0] not in page
    assert not [s for s in statements if "every_title" in s]  # the full list stays in the database
    rows = client.get("/dashboard/figures.csv").get_data(as_text=True).splitlines()
    assert sum(1 for r in rows if r.startswith("cases_per_title,")) == len(every_title)
