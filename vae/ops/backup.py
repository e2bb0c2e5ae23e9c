"""`flask vae backup DEST` / `flask vae restore SRC`.

A backup is a directory: the database (SQLite online backup API, or pg_dump's custom
format), a copy of UPLOAD_DIR, and a manifest with row counts used to check a restore.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from vae.core.clock import now
from vae.extensions import db

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
UPLOADS = "uploads"
MANIFEST = "manifest.json"
COUNTED_TABLES = ("user", "case", "case_block", "evidence", "stored_file", "audit_event", "block_award",
                  "certificate")


class BackupError(RuntimeError):
    pass


def _url():
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def row_counts() -> dict[str, int]:
    tables = db.metadata.tables
    return {name: db.session.scalar(select(func.count()).select_from(tables[name])) for name in COUNTED_TABLES}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# -- PostgreSQL tools -------------------------------------------------------
def pg_tool(name: str) -> str:
    for directory in (current_app.config.get("PG_BIN"), os.environ.get("PG_BIN"), "/usr/lib/postgresql/15/bin"):
        if directory and (Path(directory) / name).is_file():
            return str(Path(directory) / name)
    found = shutil.which(name)
    if found:
        return found
    raise BackupError(f"{name} not found: set PG_BIN")


def _pg_args_env(url) -> tuple[list[str], dict[str, str]]:
    args = ["--dbname", url.database or ""]
    host = url.host or url.query.get("host")
    if host:
        args += ["--host", host]
    port = url.port or url.query.get("port")
    if port:
        args += ["--port", str(port)]
    if url.username:
        args += ["--username", url.username]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[:2000]}")


# -- backup -------------------------------------------------------------------
def backup(dest: Path) -> dict:
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"{dest} is not empty")
    dest.mkdir(parents=True, exist_ok=True)
    url = _url()
    counts = row_counts()
    db.session.rollback()  # no transaction of ours held open during the copy
    if url.get_backend_name() == "sqlite":
        database = dest / SQLITE_FILE
        source = sqlite3.connect(url.database)
        target = sqlite3.connect(database)
        try:
            source.backup(target)  # consistent even while the app writes
        finally:
            target.close()
            source.close()
    elif url.get_backend_name() == "postgresql":
        database = dest / POSTGRES_FILE
        args, env = _pg_args_env(url)
        _run([pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(database), *args], env)
    else:
        raise BackupError(f"unsupported database {url.get_backend_name()}")
    uploads = Path(current_app.config["UPLOAD_DIR"])
    files = 0
    if uploads.is_dir():
        # Stored files only (the layout of vae.storage.store.path_for); half-received uploads and the
        # object store's read cache stay behind (a bucket is backed up by its own versioning/replication).
        shutil.copytree(uploads, dest / UPLOADS,
                        ignore=lambda folder, names: ["tmp", "cache"] if Path(folder) == uploads else [])
        files = sum(1 for p in (dest / UPLOADS).rglob("*") if p.is_file())
    manifest = {"created_at": now().isoformat(), "backend": url.get_backend_name(), "database": database.name,
                "database_sha256": _sha256(database), "rows": counts, "upload_files": files}
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


# -- restore ------------------------------------------------------------------
def restore(src: Path) -> dict:
    """Restore into the configured (empty) database and upload directory, then check the counts."""
    src = Path(src)
    manifest = json.loads((src / MANIFEST).read_text())
    database = src / manifest["database"]
    if _sha256(database) != manifest["database_sha256"]:
        raise BackupError("the database file does not match the manifest: damaged backup")
    url = _url()
    if url.get_backend_name() != manifest["backend"]:
        raise BackupError(f"backup is {manifest['backend']}, this instance uses {url.get_backend_name()}")
    db.session.remove()
    db.engine.dispose()
    if manifest["backend"] == "sqlite":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(database)
        target = sqlite3.connect(url.database)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        args, env = _pg_args_env(url)
        _run([pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
              "--exit-on-error", *args, str(database)], env)
    if (src / UPLOADS).is_dir():
        shutil.copytree(src / UPLOADS, current_app.config["UPLOAD_DIR"], dirs_exist_ok=True)
    restored = row_counts()
    if restored != manifest["rows"]:
        raise BackupError(f"restored rows {restored} differ from the backup's {manifest['rows']}")
    return manifest
