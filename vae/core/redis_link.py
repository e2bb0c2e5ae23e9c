"""Redis, when `REDIS_URL` is configured: shared rate limits and the session revocation list.

With several app servers (or gunicorn workers), a limit kept in each process's memory is a
limit per process; on Redis it holds across all of them. The revocation list lets every app
server refuse a logged-out session at once, even one reading a database replica that has not
yet seen the renewed session nonce. Without REDIS_URL nothing here talks to anything.
"""
from __future__ import annotations

from flask import Flask, current_app
from redis import Redis
from redis.exceptions import RedisError

_clients: dict[str, Redis] = {}
REVOKED_PREFIX = "vae:revoked-session:"


def use_redis_for_limits(app: Flask) -> None:
    """Before `limiter.init_app`: the limiter's storage is REDIS_URL unless set on its own."""
    url = app.config.get("REDIS_URL")
    if url and app.config.get("RATELIMIT_STORAGE_URI", "memory://") == "memory://":
        app.config["RATELIMIT_STORAGE_URI"] = url


def client() -> Redis | None:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    if url not in _clients:
        _clients[url] = Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    return _clients[url]


DEFAULT_REMEMBER_SECONDS = 365 * 24 * 3600  # Flask-Login's default "remember me" cookie


def _seconds(value) -> int:
    return int(value.total_seconds()) if hasattr(value, "total_seconds") else int(value)


def _key(user_id: int, nonce: str) -> str:
    return f"{REVOKED_PREFIX}{user_id}:{nonce}"


def revoke_session(user_id: int, nonce: str | None) -> None:
    """Remember that sessions signed with this nonce are over, for as long as such a session could live."""
    redis = client()
    if redis is None or not nonce:
        return
    config = current_app.config
    lifetime = max(_seconds(config.get("PERMANENT_SESSION_LIFETIME", 0)),
                   _seconds(config.get("REMEMBER_COOKIE_DURATION", DEFAULT_REMEMBER_SECONDS)))
    try:
        redis.set(_key(user_id, nonce), "1", ex=lifetime)
    except RedisError:  # the database nonce still ends the session; Redis only makes it faster everywhere
        current_app.logger.exception("could not write the session revocation to Redis")


def session_revoked(user_id: int, nonce: str) -> bool:
    redis = client()
    if redis is None:
        return False
    try:
        return bool(redis.exists(_key(user_id, nonce)))
    except RedisError:
        current_app.logger.exception("could not read the session revocation list")
        return False
