"""Fixtures around the throwaway redis-server: imported by the conftest of the tests that use it."""
from __future__ import annotations

import pytest

from tests.support import require_or_skip
from tests.support import redis_server


@pytest.fixture(scope="session")
def redis_service(tmp_path_factory):
    require_or_skip("redis-server", redis_server.unavailable_reason())
    server = redis_server.ThrowawayRedis(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_service):
    """The shared server, emptied for this test (tests never see each other's keys or jobs)."""
    from redis import Redis

    client = Redis.from_url(redis_service.url)
    client.flushall()
    yield redis_service.url
    client.flushall()
