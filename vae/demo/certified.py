"""Demo content for the certification pages: a candidate with blocks validated by a signed jury, certified."""
from __future__ import annotations

from vae.certification import signing
from vae.certification.operations import issue_session_batch
from vae.core.clock import now
from vae.demo.sitting import hold_sitting
from vae.demo.steps import must_succeed, write_dossier
from vae.models import Case, User
from vae.workflows.block import BLOCK
from vae.workflows.case import CASE


def certified_blocks(case: Case, admin: User, president: User, member: User) -> None:
    """Admissible case → dossiers → a jury sitting that validates and signs → certificates."""
    if signing.current_key_name() is None:
        signing.generate_key(now())
    must_succeed(CASE.fire(case, "submit", actor=case.candidate))
    must_succeed(CASE.fire(case, "declare_admissible", actor=admin))
    for block in case.blocks:
        write_dossier(block)
        must_succeed(BLOCK.fire(block, "submit", actor=case.candidate))
    session = hold_sitting(case, admin=admin, president=president, member=member)
    issue_session_batch(session, admin)
