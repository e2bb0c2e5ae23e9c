"""Fixtures for journeys in a real Chromium against the app served on localhost."""
from __future__ import annotations

import pytest

from tests.support import require_or_skip
from tests.support.browser import chromium, chromium_unavailable_reason, serve_app


@pytest.fixture
def live_server(app):
    """The test's app served from a background thread; its data must be committed to be seen."""
    with serve_app(app) as served:
        yield served


@pytest.fixture(scope="module")
def browser():
    """One Chromium per module: closed before other modules' journeys start their own
    `chromium()` (Playwright's sync API refuses a second one while a first is running)."""
    require_or_skip("Chromium", chromium_unavailable_reason())
    with chromium() as instance:
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
