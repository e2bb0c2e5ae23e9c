"""The world, built once per test module and copied for every test.

Building it runs whole jury sittings and issues certificates (about a second); the
access matrix has a test per endpoint. So a module-scoped fixture builds it in its own
copy of the migrated template, and `database_url` (overridden in the modules that
import these fixtures) hands each test a fresh copy of that world database, with the
world's instance directory (signing key, uploaded files) copied beside it.
"""
from __future__ import annotations

import shutil

import pytest

from tests.conftest import _make_app, fresh_database
from tests.security.world import World, build_world, write_evidence_files


@pytest.fixture(scope="module")
def world_database(template_database, pg_cluster, tmp_path_factory):
    from vae.extensions import db

    directory = tmp_path_factory.mktemp("world")
    with fresh_database(template_database, pg_cluster, directory) as url:
        app = _make_app(url, directory / "instance")
        with app.app_context():
            ids = build_world()
            write_evidence_files(ids)
            db.session.remove()
            db.engine.dispose()
        yield url, ids, directory / "instance"


@pytest.fixture
def database_url(world_database, pg_cluster, tmp_path):
    """A private copy of the world database (and of its instance directory) for this test."""
    source, _ids, instance = world_database
    shutil.copytree(instance, tmp_path / "instance")
    with fresh_database(source, pg_cluster, tmp_path) as url:
        yield url


@pytest.fixture
def world(app, world_database) -> World:
    return World.load(world_database[1])
