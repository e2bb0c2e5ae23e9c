from tests.support.redis_fixtures import redis_service, redis_url  # noqa: F401
