"""Every endpoint × every role × an object that is or is not theirs: the expected answer.

The endpoints come from the application's url_map, so a new route without an entry
in tests/security/access_rules/<blueprint>.py fails `test_every_endpoint_has_an_access_rule`.
"""
from __future__ import annotations

import pytest

from tests.security.access_rules import ALLOW, FORBID, HIDE, LOGIN, load_rules
from tests.security.world import ACTOR_ROLES, ACTORS, RELATIONS, SEATS, TARGETS
from tests.security.world_db import database_url, world, world_database  # noqa: F401  (the full world)

RULES, BUILDERS = load_rules()


def _app_endpoints() -> dict[str, set[str]]:
    from vae import create_app

    app = create_app("test", SQLALCHEMY_DATABASE_URI="sqlite://")
    endpoints: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        endpoints.setdefault(rule.endpoint, set()).update(rule.methods & {"GET", "POST"})
    return endpoints


ENDPOINTS = _app_endpoints()


def test_every_endpoint_has_an_access_rule():
    missing = sorted(set(ENDPOINTS) - set(RULES))
    assert not missing, ("routes without an access rule (add them to tests/security/access_rules/"
                         f"<blueprint>.py, see docs/security.md): {missing}")


def test_no_rule_names_an_endpoint_that_does_not_exist():
    assert sorted(set(RULES) - set(ENDPOINTS)) == []


def _url(app, world, endpoint: str, target: str) -> str:
    from flask import url_for

    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    unknown = sorted(a for a in rule.arguments if a not in BUILDERS)
    assert not unknown, f"{endpoint}: no builder for URL parameter(s) {unknown}; add one in ARGUMENTS"
    with app.test_request_context():
        return url_for(endpoint, **{name: BUILDERS[name](world, target) for name in rule.arguments})


def _answer(response) -> str:
    location = response.headers.get("Location", "")
    # Flask-Login's redirect carries `next`; a page that merely ends on the login form
    # (e.g. after confirming an e-mail address) has answered.
    if response.status_code in (301, 302, 303) and "/auth/login" in location and "next=" in location:
        return LOGIN
    if response.status_code == 401:
        return LOGIN
    if response.status_code == 403:
        return FORBID
    if response.status_code == 404:
        return HIDE
    assert response.status_code < 500, response.status_code
    return ALLOW


# The admin goes last: their POSTs may deactivate people the other actors need.
ORDERED_ACTORS = [a for a in ACTORS if a != "admin"] + ["admin"]


@pytest.mark.parametrize("endpoint", sorted(e for e in ENDPOINTS if e in RULES))
def test_access_matrix(endpoint, app, client, world, as_actor):
    rule = RULES[endpoint]
    wrong = []
    for actor in ORDERED_ACTORS:
        roles = {ACTOR_ROLES[actor]} if actor in ACTOR_ROLES else set()
        for target in TARGETS:
            expected = rule.expect(actor, roles, RELATIONS.get((actor, target), set()), SEATS.get((actor, target), set()))
            url = _url(app, world, endpoint, target)
            for method in sorted(ENDPOINTS[endpoint]):
                as_actor(world, actor)
                response = client.open(url, method=method)
                got = _answer(response)
                if got != expected:
                    wrong.append(f"{method} {url} as {actor} ({target}): expected {expected}, "
                                 f"got {got} ({response.status_code})")
    assert not wrong, "\n".join(wrong)
