"""Fixtures for the certification product: a signing key, and blocks driven to "validated"."""
from __future__ import annotations

import pytest

from tests.fixtures.builders import assert_ok


@pytest.fixture(autouse=True)
def signing_key(request):
    """Every test app gets its own issuer key in its own instance/keys (tests without an app: none)."""
    if "app" not in request.fixturenames:
        return None
    request.getfixturevalue("app")
    from vae.certification import signing
    from vae.core.clock import now

    return signing.generate_key(now())


@pytest.fixture
def jury_validates(db, make_user, cover_all):
    """Take a case through admissibility and dossier, then a jury sitting validates the chosen blocks.

    Returns the jury session: signed unless `sign=False`, undecided if `decide=False`.
    The sitting runs through the jury's own operations (vae.demo.sitting).
    """
    from vae.core.clock import now
    from vae.demo.sitting import hold_sitting
    from vae.workflows.block import BLOCK
    from vae.workflows.case import CASE

    admin = make_user("admin")

    def validate(case, codes=None, *, sign=True, decide=True):
        if case.state == "draft":
            assert_ok(CASE.fire(case, "submit", actor=case.candidate))
            assert_ok(CASE.fire(case, "declare_admissible", actor=admin))
        for block in case.blocks:
            if block.state == "documenting" and (codes is None or block.block.code in codes):
                block.honour_signed_at = now()
                cover_all(block)
                assert_ok(BLOCK.fire(block, "submit", actor=case.candidate))
        session = hold_sitting(case, admin=admin, president=make_user("jury"), member=make_user("jury"),
                               decide=decide, sign=sign)
        db.session.commit()
        return session

    validate.admin = admin
    return validate
