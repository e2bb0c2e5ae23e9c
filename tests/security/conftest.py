from __future__ import annotations

import pytest

from tests.security.world import build_world


@pytest.fixture
def world(make_user, case_factory):
    return build_world(make_user, case_factory)


@pytest.fixture
def as_actor(client):
    """Put the test client in the shoes of a world actor (or nobody, for "anonymous")."""

    def switch(world, actor: str) -> None:
        with client.session_transaction() as session:
            session.clear()
            user = world.user(actor)
            if user is not None:
                session["_user_id"] = user.get_id()
                session["_fresh"] = True

    return switch


@pytest.fixture
def rate_limited(app):
    """Rate limiting on (TestConfig turns it off), with empty counters."""
    from vae.extensions import limiter

    app.config["RATELIMIT_ENABLED"] = True
    limiter.enabled = True
    limiter.reset()
    yield limiter
    limiter.reset()
    limiter.enabled = False
