"""The candidate journey with the keyboard alone (no mouse, no clicks): sign in, send the
application after its confirmation, then document a competence and come back to it."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e.journey import Journey
from vae.demo import demo_email, load_demo
from vae.models import Case, User

pytestmark = pytest.mark.e2e

_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return '';
  const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
  return (label || e.getAttribute('aria-label') || e.innerText || e.value || '').trim();
}"""


def tab_to(page, name: str | re.Pattern, *, occurrence: int = 1, limit: int = 200) -> None:
    """Press Tab until the `occurrence`-th element called `name` has the focus, as a keyboard user does."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        seen.append(focused)
        if (name.search(focused) if isinstance(name, re.Pattern) else focused == name):
            occurrence -= 1
            if not occurrence:
                return
    raise AssertionError(f"never reached {name!r} with Tab; went through {seen}")


def _log_in(page, base, email, password):
    page.goto(f"{base}/auth/login")
    tab_to(page, "Adresse e-mail")
    page.keyboard.type(email)
    tab_to(page, "Mot de passe")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/home")


def test_the_candidate_journey_works_with_the_keyboard_alone(db, live_server, browser):
    report = load_demo()
    db.session.commit()
    report.place_files()
    base = live_server.url
    journey = Journey(browser, "keyboard", "desktop")
    page = journey.page

    # Camille sends her application: the first key press offers the skip link.
    email = demo_email("candidate")
    page.goto(base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate(_FOCUSED) == "Aller au contenu"
    _log_in(page, base, email, report.passwords[email])
    tab_to(page, re.compile("^RNCP37780 ·"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    tab_to(page, "Soumettre")
    page.keyboard.press("Enter")  # opens the box that says what will happen
    expect(page.get_by_text("Vous ne pourrez plus la modifier")).to_be_visible()
    tab_to(page, "Oui, envoyer ma candidature")
    page.keyboard.press("Enter")
    expect(page.locator(".badge", has_text="Soumis").first).to_be_visible()
    db.session.expire_all()
    camille = User.by_email(email)
    assert db.session.scalar(select(Case).where(Case.candidate_id == camille.id)).state == "submitted"
    tab_to(page, "Se déconnecter")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")

    # Karim documents a competence of his open block and lands back on it.
    email = demo_email("candidate3")
    _log_in(page, base, email, report.passwords[email])
    tab_to(page, re.compile("^RNCP37795 ·"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    tab_to(page, re.compile("^RNCP37795BC07"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/blocks/\d+$"))
    third = page.locator("section.competence").nth(2)
    competence_id = third.locator("h2").get_attribute("id")
    tab_to(page, "Ajouter une preuve pour cette compétence", occurrence=3)  # the third competence's
    page.keyboard.press("Enter")
    tab_to(page, "Type de preuve")
    tab_to(page, "Titre court")
    page.keyboard.type("Le goûter")
    tab_to(page, "Votre récit, ou une légende")
    page.keyboard.type("Je prépare le goûter avec les enfants et je leur apprends à se laver les mains.")
    tab_to(page, "Ajouter")
    page.keyboard.press("Enter")
    expect(page.locator(".evidence .account", has_text="Je prépare le goûter avec les enfants")).to_be_visible()
    assert page.url.endswith(f"#{competence_id}")
    journey.assert_clean()
    journey.close()
