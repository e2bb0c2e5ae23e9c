import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from tests.support import postgres
from tests.support.postgres import PostgresStartError, ThrowawayPostgres


def wait_until(condition, timeout=10.0, interval=0.02):
    """Poll ``condition`` until it is true; fail if it never becomes true."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"condition not met within {timeout}s")
        time.sleep(interval)


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "support_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]


def test_orm_round_trip_through_psycopg(engine):
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all([Note(text="bloc 1 validé"), Note(text="bloc 2")])
        session.commit()
    with Session(engine) as session:
        texts = session.scalars(sa.select(Note.text).order_by(Note.id)).all()
    assert texts == ["bloc 1 validé", "bloc 2"]
    assert engine.dialect.driver == "psycopg"


def test_listens_only_on_its_unix_socket(pg, engine):
    assert pg.url == f"postgresql+psycopg://postgres@/support?host={pg.dir}&port={pg.port}"
    assert (Path(pg.dir) / f".s.PGSQL.{pg.port}").is_socket()
    with engine.connect() as conn:
        settings = dict(conn.execute(sa.text(
            "SELECT name, setting FROM pg_settings WHERE name IN "
            "('listen_addresses', 'fsync', 'server_encoding', 'port')"
        )).all())
    assert settings == {"listen_addresses": "", "fsync": "off", "server_encoding": "UTF8",
                        "port": str(pg.port)}


def test_create_database_gives_a_separate_database(pg):
    url = pg.create_database("support_extra")
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT current_database()")).scalar() == "support_extra"
    finally:
        engine.dispose()
        pg.drop_database("support_extra")


def test_database_names_are_checked(pg):
    with pytest.raises(ValueError):
        pg.create_database('x"; DROP DATABASE support; --')


def test_select_for_update_waits_for_the_holder_to_commit(engine):
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE support_account (id int PRIMARY KEY, balance int)"))
        conn.execute(sa.text("INSERT INTO support_account VALUES (1, 100)"))
    lock_row = sa.text("SELECT balance FROM support_account WHERE id = 1 FOR UPDATE")

    holder = engine.connect()
    holder.execute(lock_row)  # the implicit transaction now holds the row lock
    holder_pid = holder.execute(sa.text("SELECT pg_backend_pid()")).scalar()

    ready, done = threading.Event(), threading.Event()
    seen = {}

    def waiter():
        try:
            with engine.connect() as conn:
                seen["pid"] = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar()
                conn.commit()
                ready.set()
                seen["balance"] = conn.execute(lock_row).scalar()
                conn.commit()
        except BaseException as exc:  # surfaced in the main thread below
            seen["error"] = exc
        finally:
            ready.set()
            done.set()

    thread = threading.Thread(target=waiter, daemon=True)
    thread.start()
    try:
        assert ready.wait(10)
        assert "error" not in seen, seen.get("error")
        with engine.connect() as observer:
            def waiter_is_blocked_by_holder():
                blockers = observer.execute(
                    sa.text("SELECT pg_blocking_pids(:pid)"), {"pid": seen["pid"]}
                ).scalar()
                return holder_pid in blockers

            # PostgreSQL itself says the waiter waits on the holder's lock ...
            wait_until(waiter_is_blocked_by_holder)
        # ... so it cannot have finished its SELECT.
        assert not done.is_set()

        holder.execute(sa.text("UPDATE support_account SET balance = 40 WHERE id = 1"))
        holder.commit()
        assert done.wait(10), "waiter still blocked after the holder committed"
    finally:
        holder.close()
        thread.join(10)
    assert "error" not in seen, seen.get("error")
    assert seen["balance"] == 40  # it read the committed value, after the lock was released


def test_stop_removes_the_cluster():
    pg = ThrowawayPostgres("short_lived").start()
    directory, port = Path(pg.dir), pg.port
    assert (directory / "data" / "postmaster.pid").exists()
    pg.stop()
    assert not directory.exists()
    pg.stop()  # idempotent
    with pytest.raises(RuntimeError):
        pg.url


def test_startup_failure_shows_the_server_log():
    pg = ThrowawayPostgres(settings={"shared_buffers": "99TB"})
    with pytest.raises(PostgresStartError) as info:
        pg.start()
    message = str(info.value)
    assert "server log" in message and "shared_buffers" in message
    assert pg.dir is None  # nothing left behind


def test_missing_binaries_are_reported(monkeypatch, tmp_path):
    monkeypatch.setenv("PG_BIN", str(tmp_path))
    monkeypatch.setattr(postgres, "DEFAULT_BIN", str(tmp_path))
    monkeypatch.setattr(postgres.glob, "glob", lambda pattern: [])
    monkeypatch.setattr(postgres.shutil, "which", lambda name: None)
    with pytest.raises(postgres.PostgresUnavailable, match="PG_BIN"):
        postgres.find_bindir()
    assert "not found" in postgres.unavailable_reason()
