"""The dashboard page reads the stored figures, which equal those computed from the audit journal."""

from vae.dashboard.figures import dashboard
from vae.dashboard.snapshot import latest, refresh

from tests.dashboard.test_dashboard_figures import dataset  # noqa: F401  (the fixture)


def test_the_stored_figures_equal_those_of_the_journal(dataset, db, runner):  # noqa: F811
    result = runner.invoke(args=["vae", "dashboard-refresh"])
    assert result.exit_code == 0, result.output
    stored, computed_at = latest(every_title=True)
    assert computed_at is not None
    assert stored == dashboard()


def test_the_page_reads_the_snapshot_not_the_journal(dataset, db, client, login_as, case_factory,  # noqa: F811
                                                      record_statements):
    refresh()
    db.session.commit()
    before = dashboard()
    login_as("admin")
    with record_statements() as statements:
        page = client.get("/dashboard/")
    assert page.status_code == 200
    assert "Chiffres calculés le" in page.get_data(as_text=True)
    assert statements and not [s for s in statements if "audit_event" in s]

    case_factory()  # a new draft: the page keeps the figures of the last refresh
    db.session.commit()
    csv_before = client.get("/dashboard/figures.csv").get_data(as_text=True)
    assert f"cases_per_state,draft,,{before.per_state['draft']}" in csv_before
    refresh()
    db.session.commit()
    csv_after = client.get("/dashboard/figures.csv").get_data(as_text=True)
    assert f"cases_per_state,draft,,{before.per_state['draft'] + 1}" in csv_after
    assert latest(every_title=True)[0] == dashboard()
