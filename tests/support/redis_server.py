"""A real, throwaway `redis-server` (Debian package) on a free loopback port, for one test session."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path


def unavailable_reason() -> str | None:
    return None if shutil.which("redis-server") else "redis-server not installed (apt-get install redis-server)"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayRedis:
    """Started in `directory`, no persistence, no password, loopback only; `stop()` ends it."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> ThrowawayRedis:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory), "--logfile", str(self.directory / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
        from redis import Redis

        client = Redis.from_url(self.url)
        for _ in range(200):
            try:
                client.ping()
                return self
            except Exception:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start: " + (self.directory / "redis.log").read_text(errors="replace"))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
