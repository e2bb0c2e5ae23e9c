"""On a phone, a candidate after a partial validation follows their pathway page to a new application for the
block the jury did not validate, reading the jury's recommendations and how the title can be funded."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.journey import Journey
from tests.pathways.conftest import sign_and_certify
from vae.jury.recommendations import write_recommendation
from vae.jury.results import decisions_of
from vae.models import Case


@pytest.mark.e2e
def test_a_candidate_follows_the_pathway_page_to_a_new_application_on_a_phone(db, browser, live_server, partial):
    decision = next(d for d in decisions_of(partial.refused.interview) if d.case_block_id == partial.refused.id)
    short = partial.refused.block.competences[0]
    write_recommendation(decision, competence_ids=[short.id], next_step="training", experience_months=None,
                         training_module="Module HACCP en restauration collective",
                         note="Revoir les règles d'hygiène.", actor=partial.president)
    db.session.commit()
    sign_and_certify(db, partial)
    candidate, block = partial.case.candidate, partial.refused.block

    journey = Journey(browser, "pathway", "phone")
    journey.log_in(live_server.url, candidate.email)
    journey.follow("Mes blocs", in_menu=True)
    page = journey.page
    expect(page.get_by_role("heading", name="Mes blocs")).to_be_visible()
    missing = page.locator(f"#missing-{block.id}")
    expect(missing).to_contain_text("Les préconisations du jury")
    expect(missing).to_contain_text(short.label)
    expect(missing).to_contain_text("le module de formation « Module HACCP en restauration collective »")
    expect(page.locator(".funding").first).to_contain_text("Éligible au CPF")
    journey.look("pathway")

    missing.get_by_role("link", name=f"Candidater pour {block.code}").click()
    page.wait_for_url(re.compile(r"/cases/new\?"))
    expect(page.get_by_label(re.compile(block.code))).to_be_checked()
    journey.look("new-application")
    page.get_by_role("button", name="Commencer ma candidature").click()
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    journey.look("case-started")
    journey.assert_clean()
    journey.close()

    db.session.expire_all()
    [new_case] = [c for c in db.session.query(Case).filter(Case.candidate_id == candidate.id)
                  if c.id != partial.case.id]
    assert [cb.block_id for cb in new_case.blocks] == [block.id]
