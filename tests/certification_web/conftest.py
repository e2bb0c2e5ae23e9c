"""Fixtures for the certification product: a signing key, and blocks driven to "validated"."""
from __future__ import annotations

from datetime import timedelta

import pytest


@pytest.fixture(autouse=True)
def signing_key(app):
    """Every test app gets its own issuer key in its own instance/keys."""
    from vae.certification import signing
    from vae.core.clock import now

    return signing.generate_key(now())


def _must(outcome):
    assert outcome.ok, outcome.reasons
    return outcome


@pytest.fixture
def jury_validates(db, make_user, cover_all):
    """Take a case through admissibility, dossier and a held interview, then the president validates.

    Returns the jury session (signed unless `sign=False`). Decisions come from another feature
    (issue 5); here the engine is driven directly, as a jury would through those pages.
    """
    from vae.core.clock import now
    from vae.models import BlockDecision, Interview, JuryMember, JurySession
    from vae.workflows.block import BLOCK
    from vae.workflows.case import CASE

    admin = make_user("admin")

    def validate(case, codes=None, *, sign=True, session=None, decide=True):
        if case.state == "draft":
            _must(CASE.fire(case, "submit", actor=case.candidate))
            _must(CASE.fire(case, "declare_admissible", actor=admin))
        chosen = [b for b in case.blocks if codes is None or b.block.code in codes]
        if session is None:
            president = make_user("jury")
            session = JurySession(title=case.title, starts_at=now() - timedelta(days=1), capacity=8)
            session.members = [JuryMember(user=president, qualification="practising_professional",
                                          is_president=True)]
            db.session.add(session)
        president = session.president.user
        interview = Interview(session=session, case=case, starts_at=session.starts_at, duration_minutes=60,
                              state="scheduled", outcome="held", outcome_recorded_at=now())
        db.session.add(interview)
        db.session.flush()
        for block in chosen:
            block.honour_signed_at = now()
            cover_all(block)
            _must(BLOCK.fire(block, "submit", actor=case.candidate))
            block.interview = interview
            _must(BLOCK.fire(block, "schedule", actor=admin))
            db.session.add(BlockDecision(case_block=block, interview=interview, decision="validated",
                                         decided_by_id=president.id))
            db.session.flush()
            if decide:
                _must(BLOCK.fire(block, "validate", actor=president))
        if sign and decide:
            session.state = "signed"
            session.signed_at = now()
        db.session.commit()
        return session

    validate.admin = admin
    return validate
