"""On a phone, a candidate switches to easy-read French from the header, reads the next step and the phase
pictograms on two pages (axe finds nothing serious, every pictogram shows), and switches back."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.journey import Journey

pytestmark = pytest.mark.e2e


def test_a_candidate_reads_their_pages_in_easy_read_french_on_a_phone(live_server, browser, case_at):
    case = case_at("documenting")
    base = live_server.url
    candidate = Journey(browser, "easy-read", "phone")
    page = candidate.page
    candidate.log_in(base, case.candidate.email)

    candidate.open_menu()
    page.get_by_role("button", name="Facile à lire").click()
    page.wait_for_url(f"{base}/home")
    top = page.locator(".easy-read-top")
    expect(top).to_contain_text("Ce que vous devez faire maintenant :")
    expect(top.get_by_role("img", name="Vous montrez des preuves de ce que vous savez faire.")).to_be_visible()
    expect(top.locator("[aria-current=step]")).to_contain_text("Constitution du dossier")
    found = candidate.look("home")
    assert sum("/static/img/phases/" in image["src"] for image in found["images"]) == 4

    top.get_by_role("link", name="Ajoutez une preuve pour chaque compétence du bloc RNCP37780BC01.").click()
    page.wait_for_url(f"{base}/blocks/{case.blocks[0].id}")
    expect(page.locator(".easy-read-top")).to_contain_text("Cette page est votre dossier pour un bloc.")
    candidate.look("block")

    candidate.open_menu()
    page.get_by_role("button", name="Texte habituel").click()
    page.wait_for_url(f"{base}/blocks/{case.blocks[0].id}")
    expect(page.locator(".easy-read-top")).to_have_count(0)
    candidate.assert_clean()
    candidate.close()
