"""The kinds of job: each feature registers its handler by name, so the engine imports no feature."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import update

from vae.extensions import db
from vae.models import JobRun


class Progress:
    """What a handler reports: `total` once, then `advance()`; each report commits (and the work so far)."""

    def __init__(self, run: JobRun):
        self.run = run

    def set_total(self, total: int) -> None:
        self.run.total = total
        db.session.commit()

    def advance(self, done: int | None = None, by: int = 1) -> None:
        self.run.done = done if done is not None else self.run.done + by
        db.session.commit()

    def note(self, done: int) -> None:
        """Progress of work that must not be committed yet (an import is one transaction).

        Written on a connection of its own so that the job's page shows it while the work
        goes on; SQLite has one writer at a time (the work holds it), so there the count
        shows when the work commits."""
        if db.engine.dialect.name == "sqlite":
            return
        with db.engine.begin() as connection:
            connection.execute(update(JobRun).where(JobRun.id == self.run.id).values(done=done))


Handler = Callable[[dict, Progress], str | None]  # params, progress -> a one-line summary


@dataclass(frozen=True)
class Kind:
    name: str
    handler: Handler
    max_attempts: int


KINDS: dict[str, Kind] = {}


def job(name: str, *, max_attempts: int = 3):
    """Decorator: register `handler(params, progress)` as the job kind `name`."""
    def register(handler: Handler) -> Handler:
        KINDS[name] = Kind(name, handler, max_attempts)
        return handler

    return register
