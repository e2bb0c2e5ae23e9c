"""A job's page in Chromium on a phone: its progress follows the job without reloading (js/job_progress.js),
then, once the job is finished, the page shows the result; no Content-Security-Policy violation."""
from __future__ import annotations

from sqlalchemy import select

from tests.fixtures.browser import log_in
from vae.jobs.registry import Progress
from vae.models import JobRun


def test_the_job_page_follows_the_job_on_a_phone(app, db, browser, live_server, make_user, runner, redis_url):
    app.config["REDIS_URL"] = redis_url
    admin = make_user("admin")
    violations: list[str] = []
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        with live_server as (url, _):
            log_in(page, url, admin.email)
            page.goto(f"{url}/admin/jobs/")
            page.get_by_role("button", name="Lancer maintenant le contrôle des échéances").click()
            page.wait_for_url("**/admin/jobs/*")
            assert page.locator("[data-job-state]").inner_text() == "Mis en file"
            page.evaluate("window.sameDocument = true")  # gone if the page reloads

            run = db.session.scalar(select(JobRun))
            progress = Progress(run)  # what a handler on a worker reports
            progress.set_total(5)
            progress.advance(2)
            page.locator("[data-job-count]", has_text="2 / 5").wait_for(timeout=15_000)
            assert page.evaluate("window.sameDocument === true")  # updated in place
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # fits a phone

            result = runner.invoke(args=["vae", "worker", "--burst"])
            assert result.exit_code == 0, result.output
            page.locator("[data-job-state]", has_text="Terminée").wait_for(timeout=15_000)
            page.get_by_text("stale temporary uploads removed").wait_for(timeout=15_000)
    finally:
        context.close()
    assert violations == []
