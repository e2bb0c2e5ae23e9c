"""Journey in Chromium: Lucie (demo, two certified blocks) shares both credentials by link from her
phone; an employer opens the link in a fresh browser, sees both verified; Lucie revokes the link and
the employer's next visit says it was withdrawn (410)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.journey import Journey
from vae.demo import demo_email, load_demo

pytestmark = pytest.mark.e2e
BLOCKS = ("RNCP37780BC01", "RNCP37780BC02")


def test_lucie_shares_two_credentials_by_link_then_revokes_it(db, live_server, browser):  # noqa: F811
    demo = load_demo()
    db.session.commit()
    base = live_server.url
    lucie = Journey(browser, "records-lucie", "phone")
    lucie.log_in(base, demo_email("candidate5"), demo.passwords[demo_email("candidate5")])
    lucie.follow("Mes blocs", in_menu=True)
    lucie.follow("Passeport, Europass et liens de partage")
    page = lucie.page
    expect(page.get_by_role("heading", name="Mes attestations et partages")).to_be_visible()
    lucie.look("records")

    for code in BLOCKS:
        page.get_by_label(re.compile(code)).check()
    page.get_by_label("une semaine").check()
    page.get_by_label("Une note pour vous").fill("Pour l'agence d'aide à domicile")
    page.get_by_role("button", name="Créer le lien").click()
    expect(page.get_by_text("Votre lien de partage est prêt")).to_be_visible()
    share_url = page.locator("a.share-url").first.get_attribute("href")
    assert re.fullmatch(rf"{re.escape(base)}/s/[A-Za-z0-9_-]{{40,}}", share_url)
    lucie.look("link-created")

    employer = Journey(browser, "records-employer", "desktop")  # a fresh context: nobody signed in
    employer.page.goto(share_url)
    shown = employer.page
    expect(shown.get_by_role("heading", name="Attestations partagées")).to_be_visible()
    expect(shown.locator(".shared-credential")).to_have_count(2)
    for code in BLOCKS:
        expect(shown.get_by_role("heading", name=re.compile(code))).to_be_visible()
    expect(shown.get_by_text("Authentique : la signature numérique correspond")).to_have_count(2)
    expect(shown.get_by_text(demo_email("candidate5"))).to_have_count(0)
    employer.look("shared")
    shown.get_by_role("link", name="Page de vérification").first.click()
    expect(shown.get_by_text("Valide : cette attestation a bien été délivrée")).to_be_visible()

    page.reload()
    expect(page.get_by_text("Vu 1 fois")).to_be_visible()
    page.locator("summary", has_text="Révoquer ce lien").click()
    page.get_by_role("button", name="Oui, révoquer le lien").click()
    expect(page.get_by_text("Le lien est révoqué")).to_be_visible()
    expect(page.get_by_text(re.compile("Révoqué le"))).to_be_visible()
    lucie.look("link-revoked")

    response = shown.goto(share_url)
    assert response.status == 410
    expect(shown.get_by_text("Le titulaire a retiré ce lien")).to_be_visible()
    expect(shown.locator(".shared-credential")).to_have_count(0)
    employer.look("gone")
    # The browser logs the 410 it was answered on purpose; anything else is a problem.
    employer.problems = [p for p in employer.problems if "status of 410" not in p]
    lucie.assert_clean()
    employer.assert_clean()
    lucie.close()
    employer.close()
