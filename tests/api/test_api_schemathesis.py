"""Schemathesis against the served OpenAPI: every operation, property-based, as several roles.

No answer may be a 500, and every answer must match the documented schema, status codes,
content types and headers (schemathesis' own checks, `call_and_validate`). Each role works
in a copy of the security matrix's world (cases, sessions, evidence, certificates) so that
generated ids can hit real objects. Examples per operation are kept small (about a minute
in all). The operations are driven through `APIOperation.as_strategy` with Hypothesis
directly: schemathesis' lazy pytest loader does not run under pytest 9.
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.conftest import IsolatedClient, _make_app
from tests.security.world import World, build_world, write_evidence_files
from tests.security.world_db import database_url, world_database  # noqa: F401  (a copy of the world per test)

# Schema-valid is not always acceptable here: an unknown title id, a case in the wrong state or a
# guard that is not met are refused by the domain rules with 404/409/422 and every reason (by design).
SKIPPED = [positive_data_acceptance]
EXAMPLES = {GenerationMode.POSITIVE: 5, GenerationMode.NEGATIVE: 3}
ROLES = ("candidate", "admin", "jury_on_session", "mentor_assigned")


@pytest.fixture
def served(database_url, world_database, tmp_path):
    """The app with no app context pushed: each call gets its own, as in production."""
    import shutil

    shutil.copytree(world_database[2], tmp_path / "instance", dirs_exist_ok=True)
    app = _make_app(database_url, tmp_path / "instance")
    app.test_client_class = IsolatedClient
    yield app, World, world_database[1]
    from vae.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _token(app, ids, actor: str) -> str:
    from vae.api.auth import SCOPES, create_personal_token
    from vae.extensions import db

    with app.app_context():
        world = World.load(ids)
        _t, clear = create_personal_token(world.user(actor), name="schemathesis", scopes=list(SCOPES))
        db.session.commit()
        db.session.remove()
    return clear


@pytest.mark.parametrize("actor", ROLES)
def test_every_operation_keeps_its_promises(actor, served):
    app, _world, ids = served
    token = _token(app, ids, actor)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    failures = []
    for operation in operations:
        for mode, count in EXAMPLES.items():
            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=count, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))
            def run(case):
                case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=SKIPPED)

            try:
                run()
            except Exception as error:  # every operation is tried; all failures are reported together
                failures.append(f"{operation.label} ({mode.value}): {error}")
    assert not failures, "\n\n".join(failures)
