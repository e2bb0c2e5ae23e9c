"""Every API operation × every actor × own/other object, called with bearer tokens, and every scope.

With a token holding only the operation's scope, each actor gets exactly what the access rule
says (the same rules as the web, tests/security/access_rules/api.py); with a token holding every
scope but that one, everybody gets 403 insufficient-scope; without a token, 401.
"""
from __future__ import annotations

import pytest

from tests.security.access_rules import ALLOW, FORBID, HIDE, LOGIN, load_rules
from tests.security.world import ACTOR_ROLES, ACTORS, RELATIONS, SEATS, TARGETS
from tests.security.world_db import database_url, world, world_database  # noqa: F401
from vae.api.auth import SCOPES, create_personal_token
import vae.api.routes  # noqa: F401,E402  (registers the operations)
from vae.api.spec import OPERATIONS

RULES, BUILDERS = load_rules()
SCOPED = sorted((op for op in OPERATIONS if op.scope is not None), key=lambda op: op.endpoint)
ORDERED_ACTORS = [a for a in ACTORS if a not in ("admin", "anonymous")] + ["admin"]


def test_every_scope_guards_at_least_one_operation_and_every_operation_names_one():
    assert {op.scope for op in SCOPED} == set(SCOPES)
    assert all(f"api.{op.endpoint}" in RULES for op in OPERATIONS)


def _url(app, world, endpoint, target):
    from flask import url_for

    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    with app.test_request_context():
        return url_for(endpoint, **{name: BUILDERS[name](world, target) for name in rule.arguments})


def _answer(response) -> str:
    assert response.status_code < 500, response.get_data(as_text=True)
    assert response.status_code < 400 or response.content_type == "application/problem+json"
    return {401: LOGIN, 403: FORBID, 404: HIDE}.get(response.status_code, ALLOW)


@pytest.mark.parametrize("op", SCOPED, ids=lambda op: op.endpoint)
def test_api_access_matrix_with_tokens(op, app, client, world, db):
    endpoint = f"api.{op.endpoint}"
    rule = RULES[endpoint]
    only = {actor: create_personal_token(world.user(actor), name="only", scopes=[op.scope])[1]
            for actor in ORDERED_ACTORS}
    others = [s for s in SCOPES if s != op.scope]
    lacking = {actor: create_personal_token(world.user(actor), name="lacking", scopes=others)[1]
               for actor in ORDERED_ACTORS}
    db.session.commit()
    wrong = []
    for target in TARGETS:
        url = _url(app, world, endpoint, target)
        got = _answer(client.open(url, method=op.method))
        if got != LOGIN:
            wrong.append(f"{op.method} {url} without a token: {got}")
        for actor in ORDERED_ACTORS:
            response = client.open(url, method=op.method, headers={"Authorization": f"Bearer {lacking[actor]}"})
            if response.status_code != 403 or response.get_json().get("required_scope") != op.scope:
                wrong.append(f"{op.method} {url} as {actor} without {op.scope}: {response.status_code}")
            expected = rule.expect(actor, {ACTOR_ROLES[actor]}, RELATIONS.get((actor, target), set()),
                                   SEATS.get((actor, target), set()))
            got = _answer(client.open(url, method=op.method, headers={"Authorization": f"Bearer {only[actor]}"}))
            if got != expected:
                wrong.append(f"{op.method} {url} as {actor} ({target}) with {op.scope}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)
