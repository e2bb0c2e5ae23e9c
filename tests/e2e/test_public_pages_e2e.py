"""A visitor, on a phone and on a computer: finds how to create an account, reads the footer pages."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.journey import Journey
from vae.demo import load_demo

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_visitor_finds_how_to_apply_and_the_footer_pages(db, live_server, browser, size):
    load_demo()
    db.session.commit()
    base = live_server.url
    visitor = Journey(browser, "visitor", size)
    page = visitor.page

    page.goto(base + "/")
    visitor.look("welcome")
    expect(page.get_by_role("link", name="Créer mon compte pour candidater")).to_be_visible()
    page.get_by_role("link", name="Voir les titres auxquels vous pouvez candidater").click()
    visitor.look("catalogue")
    expect(page.get_by_role("link", name="créer votre compte")).to_be_visible()
    page.get_by_role("link", name=re.compile("RNCP37780")).first.click()
    visitor.look("title")
    page.get_by_role("link", name="Candidater : créer mon compte").click()
    page.wait_for_url(f"{base}/signup")
    expect(page.get_by_role("button", name="Créer mon compte")).to_be_visible()
    visitor.look("signup")

    page.goto(base + "/auth/login")
    visitor.look("login")
    page.get_by_role("link", name="Créer un compte").last.click()
    page.wait_for_url(f"{base}/signup")

    for link, heading, step in (("Mentions légales", "Mentions légales", "legal-notice"),
                                ("Accessibilité : partiellement conforme", "Déclaration d’accessibilité", "accessibility"),
                                ("Contact", "Contact", "contact")):
        page.get_by_role("contentinfo").get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
        visitor.look(step)

    # The favicon exists and is a picture.
    icon = page.locator("link[rel=icon]").get_attribute("href")
    response = page.request.get(base + icon)
    assert response.ok and response.headers["content-type"].startswith("image/svg+xml")
    visitor.assert_clean()
    visitor.close()
