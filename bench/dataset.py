"""A migrated database filled by the generator, on SQLite or a throwaway PostgreSQL cluster.

Shared by the page-ratio and load benches: the demo (certified candidates, a signed jury,
so the verification page and "My blocks" have content) plus N generated cases, and the
people whose pages are measured.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import func, select

SECRET_KEY = "bench-only-secret-key-not-for-production"


@dataclass
class Dataset:
    url: str
    admin_id: int
    mentor_id: int
    candidate_id: int
    certificate_public_id: str
    sizes: dict


def app_for(url: str, instance: Path):
    from vae import create_app

    return create_app("development", SQLALCHEMY_DATABASE_URI=url, INSTANCE_DIR=str(instance),
                      SECRET_KEY=SECRET_KEY, RATELIMIT_ENABLED=False)


@contextlib.contextmanager
def database(backend: str):
    """Yields a fresh, empty database URL and an instance directory."""
    with tempfile.TemporaryDirectory(prefix="vae-bench-") as tmp:
        if backend == "sqlite":
            yield f"sqlite:///{tmp}/bench.sqlite3", Path(tmp)
            return
        from tests.support.postgres import ThrowawayPostgres

        with ThrowawayPostgres("vae_bench") as cluster:
            yield cluster.create_database("vae_pages"), Path(tmp)


@contextlib.contextmanager
def filled_database(backend: str, cases: int, keep: Path | None = None):
    """Yields (url, instance, Dataset): generated here, or reused from `keep`.

    A 100k generation takes minutes, so `--keep DIR` stores what it made in DIR (the
    SQLite file, or a `pg_dump` of the PostgreSQL database, beside the dataset's ids in
    JSON) and the next run with the same backend and size restores it instead: a copy
    of the file, or a `pg_restore` into a fresh throwaway cluster.
    """
    stem = keep / f"{backend}-{cases}" if keep else None
    with database(backend) as (url, instance):
        saved = stem.with_suffix(".json") if stem else None
        if saved and saved.exists():
            _restore(backend, url, instance, stem)
            _upgrade(url, instance)
            settle(url)
            data = Dataset(**{**json.loads(saved.read_text()), "url": url})
        else:
            data = fill(url, instance, cases)
            if stem:
                stem.parent.mkdir(parents=True, exist_ok=True)
                _store(backend, url, instance, stem)
                saved.write_text(json.dumps({k: v for k, v in dataclasses.asdict(data).items() if k != "url"}))
        yield url, instance, data


def _libpq(url: str) -> list[str]:
    """pg_dump/pg_restore connection arguments for a throwaway cluster's SQLAlchemy URL."""
    from sqlalchemy.engine import make_url

    parts = make_url(url)
    return ["-h", parts.query["host"], "-p", str(parts.query["port"]), "-U", parts.username, "-d", parts.database]


def _store(backend: str, url: str, instance: Path, stem: Path) -> None:
    if backend == "sqlite":
        shutil.copyfile(instance / "bench.sqlite3", stem.with_suffix(".sqlite3"))
        return
    from tests.support.postgres import find_bindir

    subprocess.run([str(find_bindir() / "pg_dump"), "-Fc", "-f", str(stem.with_suffix(".pgdump")), *_libpq(url)],
                   check=True)


def _restore(backend: str, url: str, instance: Path, stem: Path) -> None:
    if backend == "sqlite":
        shutil.copyfile(stem.with_suffix(".sqlite3"), instance / "bench.sqlite3")
        return
    from tests.support.postgres import find_bindir

    subprocess.run([str(find_bindir() / "pg_restore"), "--no-owner", "-j", "2", *_libpq(url),
                    str(stem.with_suffix(".pgdump"))], check=True)


def _upgrade(url: str, instance: Path) -> None:
    """A dataset kept before a new migration gets it (an index added since, say)."""
    from flask_migrate import upgrade

    app = app_for(url, instance)
    with app.app_context():
        upgrade()
        from vae.extensions import db

        db.engine.dispose()


def postgres_unavailable() -> str | None:
    from tests.support.postgres import unavailable_reason

    return unavailable_reason()


def fill(url: str, instance: Path, cases: int) -> Dataset:
    from flask_migrate import upgrade

    from bench.generate import generate
    from vae.auth.operations import create_user
    from vae.demo.load import load_demo
    from vae.extensions import db
    from vae.models import Case, Certificate

    app = app_for(url, instance)
    with app.app_context():
        upgrade()
        load_demo()
        db.session.commit()
        admin = create_user(email="bench-admin@bench.invalid", first_name="Banc", last_name="Admin",
                            roles=("admin",), password="bench password 1")
        mentor = create_user(email="bench-mentor@bench.invalid", first_name="Banc", last_name="Mentor",
                             roles=("mentor",), password="bench password 1")
        db.session.commit()
        sizes = generate(cases, mentor=mentor)
        from vae.dashboard.snapshot import refresh

        started = time.perf_counter()
        refresh()  # what `flask vae tick` does each time
        db.session.commit()
        sizes["dashboard refresh ms"] = round((time.perf_counter() - started) * 1000)
        certificate = db.session.scalars(select(Certificate).where(Certificate.kind == "block")).first()
        sizes["cases in the database"] = db.session.scalar(select(func.count(Case.id)))
        data = Dataset(url, admin.id, mentor.id, certificate.candidate_id, certificate.public_id, sizes)
        db.session.remove()
        db.engine.dispose()
    settle(url)
    return data


def settle(url: str) -> None:
    """Statistics and visibility map as a live database has them (autovacuum runs there; the
    throwaway cluster switches it off): without VACUUM no count can be index-only."""
    from sqlalchemy import create_engine

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE")
    engine.dispose()


def session_cookie(app, user_id: int) -> str:
    """The signed session cookie of a signed-in person (what Flask-Login stores after login)."""
    from vae.extensions import db
    from vae.models import User

    with app.app_context():
        user = db.session.get(User, user_id)
        serializer = SecureCookieSessionInterface().get_signing_serializer(app)
        return serializer.dumps({"_user_id": user.get_id(), "_fresh": True})
