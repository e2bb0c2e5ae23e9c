"""Records tests stand on certified blocks: the certification tests' signing key and jury sitting."""
from __future__ import annotations

import pytest

from tests.certification.conftest import jury_validates, signing_key  # noqa: F401  (fixtures)
from tests.certification.helpers import certificates_of, issue_session


@pytest.fixture
def certified(db, client, login_as, make_user, case_factory, jury_validates):  # noqa: F811
    """certified(candidate=None, block_codes=...) -> (candidate, [block certificates]), issued by the admin."""
    def make(candidate=None, block_codes=("RNCP37780BC01", "RNCP37780BC02"), rncp="RNCP37780"):
        candidate = candidate or make_user("candidate", first_name="Jeanne", last_name="Dupont")
        case = case_factory(candidate=candidate, rncp=rncp, block_codes=list(block_codes))
        issue_session(client, login_as, jury_validates.admin, jury_validates(case))
        return candidate, certificates_of(db, candidate, "block")

    return make
