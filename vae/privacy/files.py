"""Where a stored file's bytes live: UPLOAD_DIR keyed by SHA-256, never by the uploaded name.

Functions here take a `resolve_path` so that the storage feature can pass its own layout.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import current_app

from vae.models import StoredFile

PathResolver = Callable[[StoredFile], Path]


def default_path_of(stored: StoredFile) -> Path:
    """UPLOAD_DIR/ab/abcdef… (sharded by the first two hex digits); the flat layout is also found."""
    root = Path(current_app.config["UPLOAD_DIR"])
    sharded = root / stored.sha256[:2] / stored.sha256
    flat = root / stored.sha256
    return flat if flat.exists() and not sharded.exists() else sharded
