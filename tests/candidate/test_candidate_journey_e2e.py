"""Issue 4's journey in a real Chromium: sign up, apply, admissibility, dossier, mentor question, block submitted."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.candidate.conftest import picture
from tests.fixtures.browser import click_and_load, log_in
from vae.models import Case, OutboxMessage, User

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "correct horse battery"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}


def _log_out(page):
    click_and_load(page, page.get_by_role("button", name="Se déconnecter"))


def _screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def _evidence_form(page, competence_id: int):
    """The "add evidence" form sits under its competence, folded until asked for."""
    form = page.locator(f"#evidence-form-{competence_id}")
    if not form.is_visible():
        page.locator(f"details:has(#evidence-form-{competence_id}) > summary").click()
    return form


def test_a_new_candidate_goes_from_sign_up_to_a_submitted_block(db, live_server, page, titles, make_user, tmp_path):
    admin, mentor = make_user("admin"), make_user("mentor", first_name="Martine", last_name="Mentor")
    db.session.commit()
    base = live_server.url

    # Sign up, then confirm the address with the link from the outbox.
    page.goto(f"{base}/signup")
    page.get_by_label("Prénom").fill("Awa")
    page.get_by_label("Nom", exact=True).fill("Diallo")
    page.get_by_label("Adresse e-mail").fill("awa.diallo@example.org")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Répétez le mot de passe").fill(PASSWORD)
    click_and_load(page, page.get_by_role("button", name="Créer mon compte"))
    db.session.expire_all()
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_address == "awa.diallo@example.org"))
    link = re.search(r"/signup/confirm/\S+", mail.body_text).group(0)
    page.goto(base + link)
    log_in(page, base, "awa.diallo@example.org", PASSWORD)
    page.wait_for_url(f"{base}/home")

    # Choose two blocks of RNCP37780.
    page.goto(f"{base}/cases/new")
    page.get_by_label("Mots ou code RNCP").fill("RNCP37780")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name=re.compile("RNCP37780")).click()
    page.get_by_label(re.compile("RNCP37780BC01")).check()
    page.get_by_label(re.compile("RNCP37780BC02")).check()
    page.get_by_role("button", name="Commencer ma candidature").click()
    page.wait_for_url(re.compile(r"/cases/\d+$"))

    # Record an experience supporting both blocks, then submit for admissibility.
    page.get_by_role("link", name="Ajouter une expérience").click()
    page.get_by_role("textbox", name=re.compile("^Employeur")).fill("Mme Dupont")
    page.get_by_label("Emploi ou fonction").fill("Assistante de vie")
    page.get_by_label("Du", exact=True).fill("2019-03-01")
    page.get_by_label("Heures par semaine").fill("30")
    page.get_by_label("Ce que vous y faites, avec vos mots").fill("Toilette, repas, courses, sorties.")
    for box in page.locator("input[name=case_blocks]").all():
        box.check()
    click_and_load(page, page.get_by_role("button", name="Enregistrer l’expérience"))
    # Sending is irreversible: the page first says what will happen, then asks.
    page.locator("summary", has_text="Soumettre").click()
    expect(page.get_by_text("Vous ne pourrez plus la modifier")).to_be_visible()
    click_and_load(page, page.get_by_role("button", name="Oui, envoyer ma candidature"))
    db.session.expire_all()
    candidate = User.by_email("awa.diallo@example.org")
    case = db.session.scalar(select(Case).where(Case.candidate_id == candidate.id))
    assert case.state == "submitted" and len(case.blocks) == 2 and case.experiences
    _log_out(page)

    # The admin assigns the mentor and declares the case admissible.
    log_in(page, base, admin.email, PASSWORD)
    page.goto(f"{base}/admissibility/cases/{case.id}")
    page.get_by_role("combobox", name="Accompagnateur").select_option(label="Martine Mentor")
    click_and_load(page, page.get_by_role("button", name="Attribuer"))
    page.get_by_role("combobox", name="Décision").select_option("declare_admissible")
    click_and_load(page, page.get_by_role("button", name="Enregistrer la décision"))
    db.session.expire_all()
    assert case.state == "admissible" or all(cb.state == "documenting" for cb in case.blocks)
    _log_out(page)

    # The candidate adds a written account and a photo to the first block.
    block = case.blocks[0]
    competences = block.block.competences
    log_in(page, base, candidate.email, PASSWORD)
    page.goto(f"{base}/blocks/{block.id}")
    form = _evidence_form(page, competences[0].id)
    form.get_by_label("Type de preuve").select_option("text")
    form.get_by_label("Votre récit, ou une légende").fill("Le matin, j'aide Mme Dupont à se lever et à se laver.")
    click_and_load(page, form.get_by_role("button", name="Ajouter"))
    photo = tmp_path / "salle-de-bain.jpg"
    photo.write_bytes(picture("JPEG", gps=True, size=(320, 240)))
    form = _evidence_form(page, competences[1].id)
    form.get_by_label("Type de preuve").select_option("photo")
    form.get_by_label("Titre court").fill("La salle de bain aménagée")
    form.get_by_label("Fichier").set_input_files(str(photo))
    click_and_load(page, form.get_by_role("button", name="Ajouter"))
    expect(page.get_by_role("img", name="La salle de bain aménagée")).to_be_visible()
    # After saving, the page is back at the competence the photo documents.
    assert page.url.endswith(f"#c-{competences[1].id}")
    _log_out(page)

    # The mentor asks a question about the written account.
    log_in(page, base, mentor.email, PASSWORD)
    page.goto(f"{base}/blocks/{block.id}")
    page.get_by_text("Commenter ou poser une question sur cette preuve").first.click()
    item_form = page.locator("details.evidence-annotate[open] form")
    item_form.get_by_label("Type").select_option("question")
    item_form.get_by_label("Votre note").fill("Comment préservez-vous son intimité ?")
    click_and_load(page, item_form.get_by_role("button", name="Envoyer"))
    _log_out(page)

    # The candidate answers, covers the other competences and submits the block on their honour.
    log_in(page, base, candidate.email, PASSWORD)
    page.goto(f"{base}/blocks/{block.id}")
    question = page.locator(".evidence-notes .annotation").first
    assert "Comment préservez-vous son intimité ?" in question.inner_text()
    question.get_by_label("Votre réponse", exact=True).fill("Je ferme la porte et je la couvre d'une serviette.")
    click_and_load(page, question.get_by_role("button", name="Répondre"))
    while page.get_by_role("button", name="Je le montrerai à l’entretien").count():
        click_and_load(page, page.get_by_role("button", name="Je le montrerai à l’entretien").first)
    page.get_by_label(re.compile("J’atteste sur l’honneur")).check()
    click_and_load(page, page.get_by_role("button", name="Déposer ce bloc pour le jury"))
    db.session.expire_all()
    assert block.state == "submitted" and block.honour_signed_at is not None
    expect(page.get_by_text("Je ferme la porte et je la couvre d'une serviette.")).to_be_visible()

    # Screenshots of the block page on a phone and on a desktop.
    shots = []
    for name, viewport in (("candidate-block-phone.png", PHONE), ("candidate-block-desktop.png", DESKTOP)):
        page.set_viewport_size(viewport)
        page.reload()
        # Previews load lazily: load them all so the full-page picture shows them.
        page.evaluate("Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode().catch(() => null); }))")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]  # no sideways scrolling
        shots.append(_screenshot(page, name))
    for shot in shots:
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 1000

    # The mentor returns the block with a reason; the candidate reads it on the case and block pages.
    _log_out(page)
    log_in(page, base, mentor.email, PASSWORD)
    page.goto(f"{base}/blocks/{block.id}")
    page.get_by_label("Pourquoi le bloc retourne en constitution du dossier").fill("Ajoutez une photo du matériel adapté.")
    click_and_load(page, page.get_by_role("button", name="Renvoyer en constitution du dossier"))
    _log_out(page)
    log_in(page, base, candidate.email, PASSWORD)
    page.goto(f"{base}/cases/{case.id}")
    expect(page.locator(".returned-reason")).to_contain_text("Motif : Ajoutez une photo du matériel adapté.")
    expect(page.locator(".returned-reason")).to_contain_text("Martine Mentor")
    page.get_by_role("link", name=re.compile(block.block.code)).first.click()
    expect(page.locator(".returned-reason")).to_contain_text("Ajoutez une photo du matériel adapté.")
