"""A title completed by three roads: a VAE jury, a training course's assessment, an equivalence
(resting on an exam of the old title). The full title is awarded once, its certificates say
how each block was obtained."""
from __future__ import annotations

import html
import io
import json

from pypdf import PdfReader
from sqlalchemy import select

from tests.sources.helpers import PDF, accept, claim, record_claim
from vae.core.clock import now
from vae.models import BlockAward, BlockEquivalence, Certificate, TitleAward

OLD, NEW = "RNCP37780", "RNCP37792"


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def _three_block_title(db, titles):
    """The new title asks for three blocks (the others optional), so that three roads complete it."""
    title = titles[NEW]
    for block in title.blocks[3:]:
        block.required = False
    db.session.commit()
    return title


def test_jury_training_and_equivalence_complete_the_title(db, client, login_as, titles, make_user, case_factory,
                                                          jury_validates):
    title = _three_block_title(db, titles)
    jury_block, training_block, equivalent_block = title.required_blocks
    old_block = titles[OLD].required_blocks[0]
    db.session.add(BlockEquivalence(old_block=old_block, new_block=equivalent_block, confirmed_at=now()))
    db.session.commit()
    candidate = make_user("candidate", first_name="Jeanne", last_name="Martin")
    admin = jury_validates.admin

    # 1. A VAE jury validates the first block.
    jury_validates(case_factory(candidate=candidate, rncp=NEW, block_codes=(jury_block.code,)))
    # 2. An exam of the old title, accepted: through the equivalence it counts for the third block.
    exam = record_claim(client, login_as, admin, candidate, old_block.code, source="exam", body="Centre d'examen Sud",
                        reference="EX-44")
    accept(client, login_as, admin, exam)
    assert db.session.scalar(select(TitleAward).where(TitleAward.candidate_id == candidate.id)) is None

    # 3. The training course's assessment, recorded then accepted: the title is complete.
    training = record_claim(client, login_as, admin, candidate, training_block.code)
    assert claim(db, training).state == "declared"
    assert db.session.scalar(select(TitleAward).where(TitleAward.candidate_id == candidate.id)) is None
    page = html.unescape(accept(client, login_as, admin, training))
    assert "Le bloc est accepté" in page
    assert claim(db, training).state == "accepted"

    awards = {a.block.code: a.source for a in db.session.scalars(
        select(BlockAward).where(BlockAward.candidate_id == candidate.id))}
    assert awards == {jury_block.code: "jury", training_block.code: "training", old_block.code: "exam"}
    [title_award] = db.session.scalars(select(TitleAward).where(TitleAward.candidate_id == candidate.id)).all()
    assert title_award.title_id == title.id

    # The candidate sees each road on "My blocks".
    login_as(candidate)
    my_blocks = html.unescape(client.get("/my/blocks").get_data(as_text=True))
    section = my_blocks.split(f"{title.label} <small>({title.rncp_code}")[1].split("</section>")[0]
    assert "Vous détenez le titre complet" in section or "titre complet" in section
    assert "Évaluation de formation (Organisme de formation Horizon)" in section
    assert f"par équivalence avec le bloc {old_block.code}" in section

    # The training block's credential and PDF say how it was obtained.
    award = db.session.scalar(select(BlockAward).where(BlockAward.claim_id == training))
    certificate = db.session.scalar(select(Certificate).where(Certificate.block_award_id == award.id))
    credential = json.loads(certificate.credential_json)
    [evidence] = credential["evidence"]
    assert evidence["name"] == "Évaluation en fin de formation"
    assert "Organisme de formation Horizon" in evidence["description"] and "EVAL-2026-17" in evidence["description"]
    assert "formation" in credential["credentialSubject"]["achievement"]["criteria"]["narrative"]
    text = _text(client.get(f"/my/certificates/{certificate.public_id}.pdf").data)
    assert "Évaluation en fin de formation" in text and "Organisme de formation Horizon" in text
    # The title's certificate was issued with the last block, and its transcript lists the three roads.
    assert db.session.scalar(select(Certificate).where(Certificate.title_award_id == title_award.id)) is not None
    transcript = _text(client.get("/my/transcript.pdf").data)
    assert "Évaluation de formation : Organisme de formation Horizon" in transcript
    assert "Examen : Centre d'examen Sud" in transcript


def test_a_block_already_held_cannot_be_recorded_again(db, client, login_as, titles, make_user, case_factory,
                                                      jury_validates):
    candidate = make_user("candidate")
    jury_validates(case_factory(candidate=candidate, block_codes=("RNCP37780BC01",)))
    login_as(jury_validates.admin)
    response = client.post("/admin/block-claims/new", data={
        "candidate_email": candidate.email, "source": "training", "block_code": "RNCP37780BC01",
        "awarding_body": "Horizon", "assessed_on": "2026-06-12", "assessment_reference": "",
        "file": (io.BytesIO(PDF), "e.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Le candidat détient déjà ce bloc." in html.unescape(response.get_data(as_text=True))
