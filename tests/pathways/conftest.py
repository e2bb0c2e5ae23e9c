"""A candidate after a partial validation: BC01 validated and certified, BC02 not validated (session signed
later by the test), built through the jury's own operations."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from vae.core.clock import now


@dataclass
class Partial:
    admin: object
    president: object
    member: object
    session: object
    case: object
    validated: object   # the case block validated (BC01)
    refused: object     # the case block not validated (BC02)


@pytest.fixture
def partial(db, case_in, make_user):
    """Interview held, BC01 validated and BC02 not, session NOT signed yet (the test signs)."""
    from vae.certification import signing
    from vae.demo.sitting import hold_sitting
    from vae.jury import operations

    signing.generate_key(now())
    admin = make_user("admin")
    president = make_user("jury", first_name="Paule", last_name="Bernard")
    member = make_user("jury", first_name="Jean", last_name="Moreau")
    case = case_in("admissible", blocks="submitted", admin=admin)
    session = hold_sitting(case, admin=admin, president=president, member=member, decide=False)
    validated, refused = case.blocks
    operations.decide_block(session, validated, validated=True, rationale="", recommendations="", actor=president)
    operations.decide_block(session, refused, validated=False, rationale="Hygiène non maîtrisée",
                            recommendations="", actor=president)
    db.session.commit()
    return Partial(admin, president, member, session, case, validated, refused)


def sign_and_certify(db, partial) -> None:
    """The president signs; the certifier issues BC01 (the case then closes: every block has ended)."""
    from vae.workflows.block import BLOCK
    from vae.jury import operations

    operations.sign_session(partial.session, actor=partial.president)
    db.session.flush()
    assert BLOCK.fire(partial.validated, "certify", actor=partial.admin, reason="certificates issued").ok
    db.session.commit()
    assert partial.case.state == "closed"

