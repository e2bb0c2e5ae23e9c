"""Issuing is what "certify" does (an effect slot that vae.certification fills at app creation)."""
from __future__ import annotations

from sqlalchemy import select

from vae.models import Certificate
from vae.workflows.block import BLOCK
from vae.workflows.hooks import EXTENSION, ISSUE_CERTIFICATE


def _validated_block(case_factory, jury_validates):
    case = case_factory(block_codes=("RNCP37780BC01",))
    jury_validates(case)
    (case_block,) = case.blocks
    assert case_block.state == "validated"
    return case_block


def test_firing_certify_issues_the_certificates(db, case_factory, jury_validates):
    case_block = _validated_block(case_factory, jury_validates)
    outcome = BLOCK.fire(case_block, "certify", actor=jury_validates.admin)
    assert outcome.ok, outcome.reasons
    kinds = sorted(db.session.scalars(select(Certificate.kind)
                                      .where(Certificate.candidate_id == case_block.case.candidate_id)))
    assert kinds == ["block", "transcript"]


def test_without_an_issuer_certify_is_refused_and_says_why(app, db, case_factory, jury_validates):
    case_block = _validated_block(case_factory, jury_validates)
    del app.extensions[EXTENSION][ISSUE_CERTIFICATE.name]  # an app that never filled the slot
    why = "Les certificats ne peuvent pas être délivrés ici : aucun émetteur de certificats n’est configuré."

    (certify,) = [a for a in BLOCK.available(case_block, jury_validates.admin) if a.event == "certify"]
    assert certify.reasons == (why,)  # the button is disabled, with the reason
    outcome = BLOCK.fire(case_block, "certify", actor=jury_validates.admin)
    assert not outcome.ok and outcome.reasons == [why]
    assert case_block.state == "validated"
    assert db.session.scalar(select(Certificate.id)) is None
