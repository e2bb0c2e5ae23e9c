"""Fixtures for journeys in a real Chromium against the app served on localhost."""
from __future__ import annotations

import pytest

from tests.support import require_or_skip
from tests.support.browser import chromium, chromium_unavailable_reason, serve_app

# A fake camera and microphone that grant themselves: the recorder journeys record without a person.
FAKE_MEDIA = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


@pytest.fixture
def live_server(app):
    """The test's app served from a background thread; its data must be committed to be seen."""
    with serve_app(app) as served:
        yield served


@pytest.fixture(scope="session")
def browser():
    """One Chromium per run: where another conftest re-exports this fixture (tests/candidate does),
    chromium() reuses the browser already running (Playwright's sync API cannot run twice at once)."""
    require_or_skip("Chromium", chromium_unavailable_reason())
    with chromium(args=FAKE_MEDIA) as instance:
        yield instance


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


def log_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/auth/login")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
