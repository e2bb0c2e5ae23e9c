from __future__ import annotations

import pytest

from tests.security.small_world import build_world


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
def limited_app(database_url, tmp_path):
    """An app with rate limiting on (TestConfig turns it off), with empty counters."""
    from tests.conftest import IsolatedClient, _make_app
    from vae.extensions import db, limiter

    app = _make_app(database_url, tmp_path / "limited", RATELIMIT_ENABLED=True)
    app.test_client_class = IsolatedClient
    limiter.reset()
    with app.app_context():
        yield app
        limiter.reset()
        db.session.remove()
        db.engine.dispose()
