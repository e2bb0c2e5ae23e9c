"""The four roles through the pages of the demo, on a phone and on a computer: each page passes
axe-core, shows its pictures and plays its media, raises no console error nor policy violation."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.journey import Journey
from vae.demo import demo_email, load_demo

pytestmark = pytest.mark.e2e
SIZES = ["phone", "desktop"]


@pytest.fixture
def demo(db, live_server):
    report = load_demo()
    db.session.commit()
    report.place_files()  # the demo's photo, written after commit like any upload
    return report


def _person(browser, demo, base, key, size) -> Journey:
    journey = Journey(browser, key, size)
    journey.log_in(base, demo_email(key), demo.passwords[demo_email(key)])
    if size == "phone":  # the header folds into a menu instead of taking a third of the screen
        assert journey.page.locator(".site-header").bounding_box()["height"] < 100
        expect(journey.page.get_by_role("link", name="Accueil")).to_be_hidden()
    return journey


@pytest.mark.parametrize("size", SIZES)
def test_candidate_sees_the_interview_the_steps_and_the_dossier(browser, live_server, demo, size):
    base = live_server.url
    karim = _person(browser, demo, base, "candidate3", size)
    page = karim.page
    karim.look("home")
    card = page.locator(".interview-card").first
    expect(card.get_by_role("heading", name="Votre entretien avec le jury")).to_be_visible()
    for fact in ("Date", "Heure", "Durée", "Lieu", "À apporter"):
        expect(card.get_by_text(fact, exact=True)).to_be_visible()
    expect(card.get_by_text("Centre de certification, salle 2")).to_be_visible()
    expect(card.get_by_text(re.compile(r"^\d{2}:\d{2}$"))).to_be_visible()
    ics = page.request.get(base + card.get_by_role("link", name="Ajouter à mon agenda (.ics)").get_attribute("href"))
    assert ics.ok and ics.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in ics.text() and "Centre de certification" in ics.text()

    page.get_by_role("link", name=re.compile("RNCP37795 ·")).first.click()
    karim.look("case")
    steps = page.get_by_role("navigation", name="Étapes de votre candidature")
    expect(steps.locator("[aria-current=step]")).to_contain_text("Dossier de preuves")
    expect(page.get_by_text("Prochaine étape :")).to_be_visible()
    expect(page.get_by_text("30 h par semaine")).to_be_visible()
    expect(page.locator(".interview-card")).to_be_visible()

    page.get_by_role("link", name=re.compile("RNCP37795BC07")).click()
    found = karim.look("block")
    assert [i for i in found["images"] if i["width"] > 0], "the photo of the dossier is shown"
    # The "add evidence" form sits under each competence, folded.
    assert page.locator("section.competence details.add-here").count() == page.locator("section.competence").count()
    # Withdrawing is final: the page says so, and the button that does it looks dangerous.
    page.locator("summary", has_text="Retirer").click()
    expect(page.get_by_text("Ce bloc quitte définitivement votre candidature")).to_be_visible()
    expect(page.get_by_role("button", name="Oui, retirer ce bloc")).to_have_class(re.compile("danger"))

    karim.follow("Mes blocs", in_menu=size == "phone")
    karim.look("my-blocks")
    karim.assert_clean()
    karim.close()


@pytest.mark.parametrize("size", SIZES)
def test_mentor_goes_from_the_table_to_the_dossier(browser, live_server, demo, size):
    base = live_server.url
    mentor = _person(browser, demo, base, "mentor", size)
    page = mentor.page
    mentor.look("home")
    mentor.tables_read_as_cards("home")
    page.get_by_role("link", name="Karim Benali").first.click()  # staff tables link to the case
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    mentor.look("case")
    page.get_by_role("link", name=re.compile("RNCP37795BC07")).first.click()
    found = mentor.look("block")
    assert [i for i in found["images"] if i["width"] > 0]
    mentor.follow("Mes candidats", in_menu=size == "phone")
    mentor.look("queue")
    mentor.tables_read_as_cards("queue")
    mentor.follow(re.compile("^Rendez-vous$"), in_menu=size == "phone")
    mentor.look("meetings")
    mentor.tables_read_as_cards("meetings")
    mentor.assert_clean()
    mentor.close()


@pytest.mark.parametrize("size", SIZES)
def test_jury_president_reads_the_dossier_and_is_warned_before_signing(browser, live_server, demo, size):
    base = live_server.url
    president = _person(browser, demo, base, "president", size)
    page = president.page
    president.look("home")
    president.follow("Mes jurys", in_menu=size == "phone")
    president.look("sessions")
    page.get_by_role("link", name=re.compile("RNCP37795|Session|session", re.I)).first.click()
    president.look("session")
    page.locator("summary", has_text="Signer").click()
    expect(page.get_by_text("Une fois signées, les décisions sont définitives")).to_be_visible()
    expect(page.get_by_role("button", name="Oui, signer les décisions")).to_be_visible()
    page.get_by_role("link", name=re.compile("Karim Benali")).first.click()
    president.look("interview")
    expect(page.get_by_role("heading", name="Dossier (lecture seule)")).to_be_visible()
    president.assert_clean()
    president.close()


@pytest.mark.parametrize("size", SIZES)
def test_admin_runs_the_queues_and_is_warned_before_cancelling_or_revoking(browser, live_server, demo, size):
    base = live_server.url
    admin = _person(browser, demo, base, "admin", size)
    page = admin.page
    admin.look("home")
    admin.tables_read_as_cards("home")
    admin.follow("Personnes", in_menu=size == "phone")
    admin.look("people")
    admin.tables_read_as_cards("people")
    admin.follow("Journal d'audit", in_menu=size == "phone")
    admin.look("audit")
    admin.tables_read_as_cards("audit")
    admin.follow("Recevabilité", in_menu=size == "phone")
    admin.look("admissibility")
    admin.tables_read_as_cards("admissibility")
    page.get_by_role("link", name="Sofia Petit").click()
    admin.look("admissibility-case")

    admin.follow("Sessions de jury", in_menu=size == "phone")
    admin.look("sessions")
    page.locator("main a[href*='/jury/admin/sessions/']").first.click()
    admin.look("session")
    page.locator("summary", has_text=re.compile("Annuler l.entretien")).click()
    expect(page.get_by_text("L’entretien est annulé, le candidat et le jury sont prévenus.")).to_be_visible()
    expect(page.get_by_role("button", name="Oui, annuler l’entretien")).to_have_class(re.compile("danger"))
    page.get_by_role("link", name="Karim Benali").first.click()  # from the session to the case
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    admin.look("case")

    admin.follow("Catalogue", in_menu=size == "phone")
    admin.look("catalogue")
    admin.assert_clean()
    admin.close()
