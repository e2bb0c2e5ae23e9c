import pytest
import sqlalchemy as sa

from tests.support import postgres, require_or_skip


@pytest.fixture(scope="session")
def pg():
    require_or_skip("PostgreSQL", postgres.unavailable_reason())
    with postgres.ThrowawayPostgres("support") as cluster:
        yield cluster


@pytest.fixture
def engine(pg):
    # A lock wait that never ends must fail the test, not hang the run.
    engine = sa.create_engine(pg.url, connect_args={"options": "-c lock_timeout=20s"})
    yield engine
    engine.dispose()

