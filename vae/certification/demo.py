"""Demo content for the certification pages: a candidate with blocks validated by a signed jury, certified."""
from __future__ import annotations

from datetime import timedelta

from vae.certification import signing
from vae.certification.operations import issue_session_batch
from vae.core.clock import now
from vae.extensions import db
from vae.models import BlockDecision, Case, Interview, JuryMember, JurySession, User


def _must(outcome) -> None:
    if not outcome.ok:
        raise RuntimeError(f"demo transition {outcome.event} refused: {outcome.reasons}")


def certified_blocks(case: Case, admin: User, president: User) -> None:
    """Admissible case → dossiers → held interview → validated → signed session → certificates."""
    from vae.demo import write_dossier
    from vae.workflows.block import BLOCK
    from vae.workflows.case import CASE

    if signing.current_key_name() is None:
        signing.generate_key(now())
    _must(CASE.fire(case, "submit", actor=case.candidate))
    _must(CASE.fire(case, "declare_admissible", actor=admin))
    session = JurySession(title=case.title, starts_at=now() - timedelta(days=3), location="Paris", capacity=8)
    session.members = [JuryMember(user=president, qualification="practising_professional", is_president=True)]
    interview = Interview(session=session, case=case, starts_at=session.starts_at, duration_minutes=60,
                          outcome="held", outcome_recorded_at=now())
    db.session.add_all([session, interview])
    db.session.flush()
    for block in case.blocks:
        write_dossier(block)
        _must(BLOCK.fire(block, "submit", actor=case.candidate))
        block.interview = interview
        _must(BLOCK.fire(block, "schedule", actor=admin))
        db.session.add(BlockDecision(case_block=block, interview=interview, decision="validated",
                                     decided_by_id=president.id))
        db.session.flush()
        _must(BLOCK.fire(block, "validate", actor=president))
    session.state, session.signed_at, session.signed_by_id = "signed", now(), president.id
    db.session.flush()
    issue_session_batch(session, admin)
