"""Test harness: a fresh, migrated database for every test, on SQLite or PostgreSQL.

`VAE_TEST_DATABASE=postgresql` runs the suite on a throwaway PostgreSQL cluster
started here; otherwise SQLite files are used. Each test gets its own copy of a
database migrated once per session (a file copy on SQLite, CREATE DATABASE …
TEMPLATE on PostgreSQL), so tests may commit freely and never see each other.
"""
from __future__ import annotations

import itertools
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import event
from sqlalchemy.engine import make_url

from tests.fixtures.browser import browser, live_server, page  # noqa: F401  (one Chromium for every folder)
from tests.support import postgres, require_or_skip

BACKEND = os.environ.get("VAE_TEST_DATABASE", "sqlite")
_counter = itertools.count()


def pytest_report_header(config):
    return f"VAE database backend: {BACKEND}"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "postgres_only" in item.keywords and BACKEND != "postgresql":
            item.add_marker(pytest.mark.skip(reason="runs in the PostgreSQL pass"))


def _make_app(database_url: str, instance: Path, **overrides):
    from vae import create_app

    return create_app("test", SQLALCHEMY_DATABASE_URI=database_url, INSTANCE_DIR=str(instance), **overrides)


def _migrate(database_url: str, instance: Path) -> None:
    from flask_migrate import upgrade

    app = _make_app(database_url, instance)
    with app.app_context():
        upgrade()
        from vae.extensions import db

        db.engine.dispose()


@pytest.fixture(scope="session")
def pg_cluster():
    if BACKEND != "postgresql":
        yield None
        return
    require_or_skip("PostgreSQL", postgres.unavailable_reason())
    with postgres.ThrowawayPostgres("vae_test") as cluster:
        yield cluster


@pytest.fixture(scope="session")
def template_database(tmp_path_factory, pg_cluster):
    """A database migrated once with Alembic: every test starts from a copy of it."""
    instance = tmp_path_factory.mktemp("template-instance")
    if pg_cluster is not None:
        url = pg_cluster.create_database("vae_template")
    else:
        url = f"sqlite:///{instance / 'template.sqlite3'}"
    _migrate(url, instance)
    return url


@contextmanager
def fresh_database(source_url: str, pg_cluster, directory: Path):
    """A private copy of a database (the migrated template, or a world built on a copy of it),
    removed afterwards: CREATE DATABASE … TEMPLATE on PostgreSQL, a file copy on SQLite."""
    if pg_cluster is not None:
        name = f"vae_t{os.getpid()}_{next(_counter)}"
        url = pg_cluster.clone_database(make_url(source_url).database, name)
        try:
            yield url
        finally:
            pg_cluster.drop_database(name)
    else:
        path = directory / f"db{next(_counter)}.sqlite3"
        shutil.copyfile(source_url.removeprefix("sqlite:///"), path)
        yield f"sqlite:///{path}"


@pytest.fixture
def database_url(template_database, pg_cluster, tmp_path):
    with fresh_database(template_database, pg_cluster, tmp_path) as url:
        yield url


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production.

    Tests hold an app context open for convenience; without this, requests would
    share its `g` (and Flask-Login's cached user) and its database session.
    After the request, the test's session is expired so it reads fresh data.
    """

    def open(self, *args, **kwargs):
        from vae.extensions import db

        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def app(database_url, tmp_path):
    app = _make_app(database_url, tmp_path / "instance")
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        from vae.extensions import db

        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def db(app):
    from vae.extensions import db as database

    return database


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def titles(db):
    """The real IPERIA titles, loaded from the project's own data file."""
    from vae.catalog.reference import load_reference_titles
    from vae.models import Title

    load_reference_titles()
    db.session.commit()
    return {t.rncp_code: t for t in db.session.scalars(db.select(Title))}


@pytest.fixture
def make_user(db):
    """Create a committed user with the given roles."""
    from vae.auth.operations import create_user

    def make(*roles: str, email: str | None = None, first_name: str = "Test", last_name: str | None = None,
             password: str = "correct horse battery", locale: str = "fr", confirmed: bool = True):
        from vae.core.clock import now

        n = next(_counter)
        user = create_user(email=email or f"user{n}@example.org", first_name=first_name,
                           last_name=last_name or f"User{n}", roles=roles or ("candidate",),
                           password=password, locale=locale)
        if confirmed:  # most tests are not about the confirmation mail (sending a case requires it)
            user.email_confirmed_at = now()
        db.session.commit()
        return user

    return make


@pytest.fixture
def login_as(client, make_user):
    """Log the test client in as a user (a new one with `role`, or the given one)."""

    def login(role_or_user="candidate", **kwargs):
        user = make_user(role_or_user, **kwargs) if isinstance(role_or_user, str) else role_or_user
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return user

    return login


@pytest.fixture
def record_statements(db):
    """Context manager listing the SQL statements run inside it (white space collapsed):
    `with record_statements() as seen: …` then read `seen`."""

    @contextmanager
    def recording():
        statements: list[str] = []

        def before(conn, cursor, statement, *args):
            statements.append(" ".join(statement.split()))

        engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return recording


@pytest.fixture
def count_queries(record_statements):
    """Context manager counting the SQL statements run inside it: `with count_queries() as n: …; n()`."""

    @contextmanager
    def counting():
        with record_statements() as statements:
            yield lambda: len(statements)

    return counting


@pytest.fixture
def case_factory(db, titles, make_user):
    """Build a case for a candidate with chosen blocks (state draft, one experience)."""
    from datetime import date

    from vae.models import Case, CaseBlock, Experience

    def make(candidate=None, rncp="RNCP37780", block_codes=("RNCP37780BC01", "RNCP37780BC02"), mentor=None):
        candidate = candidate or make_user("candidate")
        title = titles[rncp]
        blocks = {b.code: b for b in title.blocks}
        case = Case(candidate=candidate, title=title, mentor=mentor)
        case.blocks = [CaseBlock(block=blocks[code]) for code in block_codes]
        case.experiences = [Experience(employer="Mme Dupont", household_employer=True, role="Assistante de vie",
                                       start_date=date(2019, 1, 1), hours_per_week=25, activities="Aide")]
        db.session.add(case)
        db.session.commit()
        return case

    return make


@pytest.fixture
def cover_all(db):
    """Cover every competence of a case block ("to be shown at the interview"), so it may be submitted."""
    from tests.fixtures.builders import cover_every_competence

    def cover(case_block):
        cover_every_competence(db, case_block)
        db.session.commit()

    return cover


@pytest.fixture
def case_in(db, case_factory, make_user):
    """case_in(state, blocks=None, **case_factory arguments): a case taken to a case state
    ("draft", "submitted", "admissible", "incomplete"), its blocks to "submitted" if asked,
    through the real transitions (tests/fixtures/builders.py)."""
    from tests.fixtures.builders import drive_case

    def make(state: str, *, blocks: str | None = None, admin=None, **kwargs):
        return drive_case(db, case_factory(**kwargs), state, admin=admin or make_user("admin"), blocks=blocks)

    return make
