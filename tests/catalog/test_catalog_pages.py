"""Catalogue pages: search, title page, policy form, equivalence confirmation."""
from __future__ import annotations

from markupsafe import escape

import pytest
from sqlalchemy import select

from vae.catalog.equivalences import equivalent_block_ids, propose_for_titles
from vae.models import AuditEvent, Block, BlockEquivalence, Title


@pytest.fixture(autouse=True)
def english(client):
    """These tests read the English texts (the French catalogue is checked by the i18n test)."""
    with client.session_transaction() as session:
        session["locale"] = "en"


def test_search_by_words_code_and_level_with_pagination(client, titles):
    page = client.get("/catalog/?q=vie")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "RNCP37780" in text  # "Assistant de vie dépendance"
    assert client.get("/catalog/?code=37780").get_data(as_text=True).count("<strong>RNCP37780</strong>") == 1
    assert "No title matches" in client.get("/catalog/?level=7").get_data(as_text=True)
    assert client.get("/catalog/?page=0").status_code == 400
    assert client.get("/catalog/?level=12").status_code == 400


def test_search_paginates_a_large_catalogue(db, client):
    db.session.add_all(Title(rncp_code=f"RNCP{70000 + i}", label=f"Titre {i:02d}", eqf_level=4,
                             certifier_name="X") for i in range(45))
    db.session.commit()
    first = client.get("/catalog/?level=4").get_data(as_text=True)
    assert "Page 1 of 3" in first and first.count('class="badge title-open"') == 20
    third = client.get("/catalog/?level=4&page=3").get_data(as_text=True)
    assert third.count('class="badge title-open"') == 5


def test_title_page_shows_blocks_competences_and_whether_it_is_open(db, client, titles):
    title = titles["RNCP37780"]
    text = client.get(f"/catalog/titles/{title.id}").get_data(as_text=True)
    assert title.blocks[0].code in text and escape(title.blocks[0].competences[0].label) in text
    assert "Open to new candidates" in text
    title.active = False
    db.session.commit()
    text = client.get(f"/catalog/titles/{title.id}").get_data(as_text=True)
    assert "no longer active in the register" in text and "Apply for blocks" not in text
    assert client.get("/catalog/titles/999999").status_code == 404


def test_the_apply_button_appears_only_when_the_candidate_feature_exists(app, client, titles):
    title = titles["RNCP37780"]
    text = client.get(f"/catalog/titles/{title.id}").get_data(as_text=True)
    # A visitor is offered to create an account to apply; a signed-in candidate, the application form.
    assert ("Apply: create my account" in text) == ("candidate.new_case" in app.view_functions)


def test_admin_edits_the_policy_and_it_is_journaled(db, client, login_as, titles):
    title = titles["RNCP37780"]
    admin = login_as("admin", locale="en")
    optional = title.blocks[-1]
    form = {"interview_base_minutes": "20", "interview_per_block_minutes": "10", "interview_max_minutes": "60",
            "award_validity_years": "", "required_blocks": [str(b.id) for b in title.blocks if b.id != optional.id]}
    assert client.get(f"/catalog/titles/{title.id}/policy").status_code == 200
    response = client.post(f"/catalog/titles/{title.id}/policy", data=form)
    assert response.status_code == 302
    db.session.refresh(title)
    assert title.interview_minutes(2) == 40 and title.interview_minutes(9) == 60
    assert not db.session.get(Block, optional.id).required
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.event == "title_policy_changed"))
    assert event.actor_id == admin.id and event.data["interview_base_minutes"] == [30, 20]


def test_policy_with_a_cap_below_the_base_is_refused_with_the_reason(client, login_as, titles):
    title = titles["RNCP37780"]
    login_as("admin", locale="en")
    response = client.post(f"/catalog/titles/{title.id}/policy", data={
        "interview_base_minutes": "60", "interview_per_block_minutes": "10", "interview_max_minutes": "30"})
    assert response.status_code == 400
    assert "cannot be shorter than the base" in response.get_data(as_text=True)


def test_only_admins_edit_policies_and_equivalences(client, login_as, titles):
    title = titles["RNCP37780"]
    login_as("candidate")
    assert client.get(f"/catalog/titles/{title.id}/policy").status_code == 403
    assert client.get("/catalog/equivalences").status_code == 403


def _two_versions(db):
    old = Title(rncp_code="RNCP100", label="Ancien", eqf_level=3, certifier_name="X", active=False,
                newer_codes=["RNCP200"])
    new = Title(rncp_code="RNCP200", label="Nouveau", eqf_level=3, certifier_name="X", older_codes=["RNCP100"])
    old.blocks = [Block(code="RNCP100BC01", label="Accompagner la personne", position=1),
                  Block(code="RNCP100BC02", label="Entretenir le logement", position=2)]
    new.blocks = [Block(code="RNCP200BC01", label="accompagner  la  PERSONNE", position=1),
                  Block(code="RNCP200BC02", label="Cuisiner", position=2)]
    db.session.add_all([old, new])
    db.session.flush()
    return old, new


def test_admin_confirms_a_proposed_equivalence_and_old_awards_then_count(db, client, login_as):
    old, new = _two_versions(db)
    assert propose_for_titles(["RNCP200"]) == 1  # matched by label, accents and case ignored
    db.session.commit()
    proposal = db.session.scalar(select(BlockEquivalence))
    assert (proposal.old_block.code, proposal.new_block.code) == ("RNCP100BC01", "RNCP200BC01")
    assert equivalent_block_ids([old.blocks[0].id]) == {old.blocks[0].id}  # not yet confirmed
    login_as("admin", locale="en")
    page = client.get("/catalog/equivalences").get_data(as_text=True)
    assert "RNCP100BC01" in page and "labels match" in page
    assert client.post(f"/catalog/equivalences/{proposal.id}/confirm").status_code == 302
    assert equivalent_block_ids([old.blocks[0].id]) == {old.blocks[0].id, new.blocks[0].id}
    assert db.session.scalar(select(AuditEvent.event).where(AuditEvent.subject_type == "block_equivalence")) \
        == "equivalence_confirmed"
