"""Jobs on the real queue engine: a throwaway redis-server, a real RQ worker, the certification fixtures."""
from tests.catalog.conftest import register_file  # noqa: F401
from tests.certification.conftest import jury_validates, signing_key  # noqa: F401
from tests.notify.conftest import smtp_sink  # noqa: F401
from tests.support.redis_fixtures import redis_service, redis_url  # noqa: F401
