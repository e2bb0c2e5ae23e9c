"""In a real Chromium under the real Content-Security-Policy: a candidate signs in, downloads
their data and logs out everywhere; no page trips the CSP."""
from __future__ import annotations

import zipfile

import pytest

from tests.fixtures.browser import click_and_load


@pytest.mark.e2e
def test_a_candidate_downloads_their_data_and_logs_out_everywhere(app, world, tmp_path, live_server, browser):
    app.config["WTF_CSRF_ENABLED"] = True  # as in production
    candidate = world.user("candidate")
    violations: list[str] = []
    with live_server as (url, _):
        page = browser.new_page(accept_downloads=True)
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(f"{url}/auth/login")
        page.get_by_label("E-mail").or_(page.get_by_label("Email")).fill(candidate.email)
        page.get_by_label("Mot de passe").or_(page.get_by_label("Password")).fill("correct horse battery")
        click_and_load(page, page.locator("form [type=submit]").last)
        page.goto(f"{url}/security/account")
        page.get_by_role("link", name="Télécharger mes données").click()
        with page.expect_download() as download:
            page.get_by_role("button", name="Télécharger mes données (zip)").click()
        saved = tmp_path / "my-data.zip"
        download.value.save_as(saved)
        assert "data.json" in zipfile.ZipFile(saved).namelist()
        page.goto(f"{url}/security/account")
        click_and_load(page, page.get_by_role("button", name="Me déconnecter de tous les appareils"))
        page.goto(f"{url}/home")
        assert "/auth/login" in page.url
    assert violations == []
