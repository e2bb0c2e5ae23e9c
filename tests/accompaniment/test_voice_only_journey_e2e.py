"""On a phone, a candidate who never types a sentence: they confirm what their mentor wrote down with them,
answer the mentor's question by voice, record the rest, and submit the block. The mentor then plays the
spoken answer. (Chromium's fake microphone and camera, as in tests/candidate/test_recorder_e2e.py.)"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.candidate.test_recorder_e2e import _open_form, _record
from tests.e2e.journey import Journey
from tests.fixtures.browser import click_and_load
from vae.accompaniment import assisted
from vae.mentor import operations as mentoring
from vae.models import Annotation, Evidence

pytestmark = pytest.mark.e2e


def test_a_candidate_who_never_types_reaches_a_submitted_block(db, live_server, browser, case_in, make_user):
    mentor = make_user("mentor", first_name="Martine", last_name="Mentor")
    case = case_in("admissible", mentor=mentor)
    block = case.blocks[0]
    competences = block.block.competences
    # At the meeting, the mentor wrote down what the candidate said about every other competence.
    told = competences[::2]
    for competence in told:
        assisted.propose(block, mentor, kind="text", competence_id=competence.id, title="",
                         body=f"J'ai dit : je sais faire « {competence.label[:40]} ».", upload=None)
    question = mentoring.annotate(block, mentor, kind="question", body="Racontez une journée type ?",
                                  evidence_id=None)
    db.session.commit()
    base = live_server.url

    candidate = Journey(browser, "voice-only-candidate", "phone", permissions=["microphone", "camera"])
    candidate.log_in(base, case.candidate.email)
    page = candidate.page
    page.goto(f"{base}/blocks/{block.id}")
    expect(page.get_by_text("Saisi par votre accompagnateur").first).to_be_visible()
    candidate.look("proposals")

    # "C'est bien ce que j'ai dit", one after the other.
    for _ in told:
        click_and_load(page, page.get_by_role("button", name="C’est bien ce que j’ai dit").first)
        expect(page.get_by_text("Confirmé : c’est maintenant dans votre dossier, en votre nom.")).to_be_visible()
    expect(page.get_by_role("button", name="C’est bien ce que j’ai dit")).to_have_count(0)

    # The question, answered by voice.
    page.locator("details.answer-by-voice > summary").first.click()
    answer_form = page.locator(f"form[action$='/mentor/annotations/{question.id}/reply-recording']")
    _record(page, answer_form, "Enregistrer ma voix",
            kept="Enregistrement vocal gardé : appuyez sur « Envoyer ma réponse enregistrée » pour l’envoyer.")
    click_and_load(page, answer_form.get_by_role("button", name="Envoyer ma réponse enregistrée"))
    expect(page.get_by_text("Votre réponse est envoyée.")).to_be_visible()

    # Every competence still without evidence: a voice note.
    for competence in competences:
        if competence in told:
            continue
        form = _open_form(page, competence.id)
        _record(page, form, "Enregistrer ma voix",
                kept="Enregistrement vocal gardé : appuyez sur « Ajouter » pour l’envoyer.")
        click_and_load(page, form.get_by_role("button", name="Ajouter"))
        expect(page.get_by_text("La preuve est ajoutée.")).to_be_visible()
    candidate.look("documented")

    page.get_by_label(re.compile("J’atteste sur l’honneur")).check()
    click_and_load(page, page.get_by_role("button", name="Déposer ce bloc pour le jury"))
    expect(page.get_by_role("button", name="Déposer ce bloc pour le jury")).to_have_count(0)
    candidate.look("submitted")
    candidate.assert_clean()
    candidate.close()

    db.session.expire_all()
    assert block.state == "submitted"
    items = db.session.scalars(db.select(Evidence).where(Evidence.case_block_id == block.id)).all()
    # Nothing the candidate typed: the mentor's words they confirmed, and their own recordings.
    assert all(e.typed_by_id == mentor.id or e.kind == "audio" for e in items)
    assert sum(1 for e in items if e.typed_by_id == mentor.id) == len(told)
    assert {e.competence_id for e in items} == {c.id for c in competences}
    answer = db.session.scalar(db.select(Annotation).where(Annotation.parent_id == question.id))
    assert answer.body == "" and answer.file is not None

    # The mentor plays the spoken answer and sees whose words each entry is.
    follower = Journey(browser, "voice-only-mentor", "phone")
    follower.log_in(base, mentor.email)
    follower.page.goto(f"{base}/blocks/{block.id}")
    found = follower.look("block")
    assert sum(1 for p in found["players"] if p["tag"] == "audio") == len(competences) - len(told) + 1
    expect(follower.page.get_by_text(re.compile("Saisi par Martine Mentor \\(accompagnateur\\), confirmé par"))
           ).to_have_count(len(told))
    follower.assert_clean()
    follower.close()
