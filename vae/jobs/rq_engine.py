"""RQ on Redis: the queue engine when one is configured.

The RQ job carries only the `JobRun` id; RQ retries a failed attempt (`Retry`) and keeps the
last failure in its FailedJobRegistry, while our row keeps what the admin reads.
"""
from __future__ import annotations

from flask import current_app, has_app_context
from redis import Redis
from rq import Queue, Retry, SimpleWorker

from vae.jobs.queue import QUEUE_NAME
from vae.jobs.runner import AttemptFailed, run_attempt

_connections: dict[str, Redis] = {}


def connection(url: str) -> Redis:
    if url not in _connections:
        _connections[url] = Redis.from_url(url)
    return _connections[url]


def submit(url: str, run_id: int, attempts_left: int) -> None:
    delays = current_app.config.get("JOB_RETRY_DELAYS", [0])
    retries = max(0, attempts_left - 1)
    queue = Queue(QUEUE_NAME, connection=connection(url))
    queue.enqueue(perform, run_id, retry=Retry(max=retries, interval=delays) if retries else None,
                  job_timeout=current_app.config.get("JOB_TIMEOUT_SECONDS", 3600),
                  failure_ttl=30 * 24 * 3600)


def perform(run_id: int) -> str:
    """What a worker runs: one attempt; a failure is raised so that RQ schedules the next one."""
    if not has_app_context():  # the app's settings and handlers are needed: start workers with `flask vae worker`
        raise RuntimeError("run jobs with `flask vae worker` (a bare `rq worker` has no application)")
    return _attempt(run_id)


def _attempt(run_id: int) -> str:
    from vae.extensions import db

    try:
        state = run_attempt(run_id)
    finally:
        db.session.remove()
    if state != "done":
        raise AttemptFailed(f"job {run_id}: attempt failed ({state})")
    return state


def work(url: str, *, burst: bool) -> bool:
    """Run a worker in this process (inside the app context): `flask vae worker`."""
    worker = SimpleWorker([Queue(QUEUE_NAME, connection=connection(url))], connection=connection(url))
    return worker.work(burst=burst, with_scheduler=True)
