"""The candidate speaks and films (fake microphone and camera): records, listens, keeps; the mentor
and the jury then play the recordings from the dossier."""
from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.candidate.conftest import picture
from tests.e2e.journey import Journey
from tests.fixtures.browser import click_and_load
from tests.support.browser import CHROMIUM_ARGS, chromium_path
from vae.core.clock import now
from vae.jury import operations as jury
from vae.workflows.block import BLOCK

pytestmark = pytest.mark.e2e

MEDIA = ["microphone", "camera"]


def _open_form(page, competence_id: int):
    form = page.locator(f"#evidence-form-{competence_id}")
    if not form.is_visible():
        page.locator(f"details:has(#evidence-form-{competence_id}) > summary").click()
    return form


def _record(page, form, button: str, *, redo: bool = False, kept: str):
    """Press the record button, let the fake device run, stop; check the preview can play."""
    form.get_by_role("button", name=button).click()
    status = form.locator("[data-status]")
    expect(status).to_have_text("Enregistrement en cours…")
    expect(form.locator("[data-timer]")).to_have_text(re.compile(r"0:0[1-9]"), timeout=5000)
    form.get_by_role("button", name="Arrêter").click()
    expect(status).to_have_text("Enregistré. Écoutez-le, puis gardez-le ou recommencez.")
    preview = form.locator("[data-playback]:visible")
    expect(preview).to_have_count(1)
    ready = preview.evaluate("""m => new Promise(done => m.readyState >= 1 ? done(m.readyState)
        : m.addEventListener('loadedmetadata', () => done(m.readyState), {once: true}))""")
    assert ready >= 1 and preview.get_attribute("src").startswith("blob:")
    if redo:
        form.get_by_role("button", name="Recommencer").click()
        expect(status).to_have_text("Enregistrement en cours…")
        page.wait_for_timeout(1200)
        form.get_by_role("button", name="Arrêter").click()
        expect(status).to_have_text(re.compile("^Enregistré"))
    form.get_by_role("button", name="Garder cet enregistrement").click()
    expect(status).to_have_text(kept)  # what was kept, and the words on the button that sends it
    assert form.locator("input[type=file]").evaluate("i => i.files.length && i.files[0].size") > 0


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.write(out)
    return out.getvalue()


def _attach(page, competence_id: int, kind: str, title: str, path) -> None:
    form = _open_form(page, competence_id)
    form.get_by_label("Type de preuve").select_option(kind)
    form.get_by_label("Titre court").fill(title)
    form.get_by_label("Fichier").set_input_files(str(path))
    click_and_load(page, form.get_by_role("button", name="Ajouter"))
    expect(page.get_by_text("La preuve est ajoutée.")).to_be_visible()


def _reads_everything(journey: Journey, base: str, step: str) -> None:
    """Both recordings play, the photo shows, the PDF opens: what anyone reading the dossier needs."""
    found = journey.look(step)
    assert sorted(p["tag"] for p in found["players"]) == ["audio", "video"]
    assert all(p["ready"] >= 1 and p["duration"] > 0 for p in found["players"])
    assert len(found["images"]) == 1 and found["images"][0]["width"] == 320
    document = journey.page.get_by_role("link", name="Ouvrir attestation.pdf").get_attribute("href")
    response = journey.page.request.get(base + document)
    assert response.ok and response.headers["content-type"] == "application/pdf" and response.body()[:5] == b"%PDF-"


def _plays_back(journey: Journey, base: str, person, path: str, step: str) -> None:
    """Another person signs in, opens the page and plays back every recording on it."""
    journey.log_in(base, person.email)
    journey.page.goto(base + path)
    _reads_everything(journey, base, step)
    journey.assert_clean()
    journey.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_voice_note_and_a_video_recorded_in_the_browser_reach_the_mentor_and_the_jury(
        db, live_server, browser, admissible_case, make_user, size, tmp_path):
    mentor = make_user("mentor", first_name="Martine", last_name="Mentor")
    admin = make_user("admin")
    president = make_user("jury", first_name="Paule", last_name="Bernard")
    member = make_user("jury", first_name="Jean", last_name="Moreau")
    case = admissible_case(mentor=mentor)
    block = case.blocks[0]
    first, second, third, fourth = block.block.competences[:4]
    base = live_server.url

    candidate = Journey(browser, "recorder-candidate", size, permissions=MEDIA)
    candidate.log_in(base, case.candidate.email)
    page = candidate.page
    page.goto(f"{base}/blocks/{block.id}")
    form = _open_form(page, first.id)
    _record(page, form, "Enregistrer ma voix", redo=True,
            kept="Enregistrement vocal gardé : appuyez sur « Ajouter » pour l’envoyer.")
    expect(form.get_by_label("Type de preuve")).to_have_value("audio")
    click_and_load(page, form.get_by_role("button", name="Ajouter"))
    expect(page.locator(f"#c-{first.id} ~ .evidence audio, section:has(#c-{first.id}) audio[src]").first).to_be_attached()

    form = _open_form(page, second.id)
    _record(page, form, "Filmer une vidéo", kept="Vidéo gardée : appuyez sur « Ajouter » pour l’envoyer.")
    expect(form.get_by_label("Type de preuve")).to_have_value("video")
    click_and_load(page, form.get_by_role("button", name="Ajouter"))
    assert page.url.endswith(f"#c-{second.id}")
    photo, pdf = tmp_path / "cuisine.png", tmp_path / "attestation.pdf"
    photo.write_bytes(picture("PNG", size=(320, 240)))
    pdf.write_bytes(_pdf())
    _attach(page, third.id, "photo", "La cuisine rangée", photo)
    _attach(page, fourth.id, "document", "Attestation d'employeur", pdf)
    _reads_everything(candidate, base, "block-with-recordings")

    # The rest is shown at the interview; the candidate signs and submits the block.
    while page.get_by_role("button", name="Je le montrerai à l’entretien").count():
        click_and_load(page, page.get_by_role("button", name="Je le montrerai à l’entretien").first)
    page.get_by_label(re.compile("J’atteste sur l’honneur")).check()
    click_and_load(page, page.get_by_role("button", name="Déposer ce bloc pour le jury"))
    db.session.expire_all()
    assert block.state == "submitted"
    candidate.assert_clean()
    candidate.close()

    # The mentor plays both recordings; so does the certifier.
    _plays_back(Journey(browser, "recorder-mentor", size), base, mentor, f"/blocks/{block.id}", "block")
    _plays_back(Journey(browser, "recorder-admin", size), base, admin, f"/blocks/{block.id}", "block")

    # The certifier books the interview; the jury plays them from the read-only dossier.
    for cb in case.blocks[1:]:
        assert BLOCK.fire(cb, "withdraw", actor=case.candidate).ok
    session = jury.create_session(title=case.title, starts_at=now() + timedelta(days=7), location="Salle 2",
                                  video_link="", capacity=4, actor=admin)
    jury.add_member(session, user=president, qualification="practising_professional", gender=None, actor=admin)
    jury.add_member(session, user=member, qualification="trainer", gender=None, actor=admin)
    interview = jury.schedule_interview(session, case, starts_at=session.starts_at, actor=admin)  # Refused if not
    db.session.commit()
    _plays_back(Journey(browser, "recorder-jury", size), base, member, f"/jury/interviews/{interview.id}", "dossier")


def test_a_refused_microphone_is_explained_and_the_file_field_still_works(db, live_server, browser, admissible_case):
    case = admissible_case()
    block = case.blocks[0]
    competence = block.block.competences[0]
    # A browser that asks a person (no fake consent) and gets no answer: headless Chromium refuses.
    asking = browser.browser_type.launch(executable_path=chromium_path(),
                                         args=[*CHROMIUM_ARGS, "--use-fake-device-for-media-stream"])
    candidate = Journey(asking, "recorder-refused", "phone")
    candidate.log_in(live_server.url, case.candidate.email)
    page = candidate.page
    page.goto(f"{live_server.url}/blocks/{block.id}")
    form = _open_form(page, competence.id)
    form.get_by_role("button", name="Enregistrer ma voix").click()
    expect(form.locator("[data-status]")).to_have_text(re.compile("^Le navigateur a refusé l’accès au micro"))
    expect(form.get_by_role("button", name="Enregistrer ma voix")).to_be_visible()  # can try again
    expect(form.get_by_label("Fichier")).to_be_visible()
    candidate.look("refused")
    candidate.assert_clean()
    candidate.close()
    asking.close()
