"""Smoke journey in Chromium: every demo role logs in and sees its own home page."""
import pytest
from playwright.sync_api import expect

from tests.fixtures.browser import log_in
from vae.demo import demo_email, load_demo

pytestmark = pytest.mark.e2e

HOME_HEADINGS = {
    "admin": "Candidatures",
    "mentor": "Candidats que j'accompagne",
    "president": "Mes sessions de jury",
    "candidate": "Mes dossiers",
}


def test_each_demo_role_logs_in_and_sees_its_home(db, live_server, page):
    report = load_demo()
    db.session.commit()
    for key, heading in HOME_HEADINGS.items():
        log_in(page, live_server.url, demo_email(key), report.passwords[demo_email(key)])
        page.wait_for_url(f"{live_server.url}/home")
        expect(page.get_by_role("heading", name=heading).first).to_be_visible()
        page.get_by_role("button", name="Se déconnecter").click()
        page.wait_for_url(f"{live_server.url}/")


def test_a_wrong_password_shows_a_message_in_the_browser(db, live_server, page):
    load_demo()
    db.session.commit()
    log_in(page, live_server.url, demo_email("candidate"), "wrong password")
    expect(page.get_by_text("Adresse e-mail ou mot de passe incorrect.")).to_be_visible()
