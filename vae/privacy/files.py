"""Where a stored file's bytes live: the storage feature's single resolver, re-exported for privacy.

Functions here take a `resolve_path` so that tests can point them elsewhere.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from vae.models import StoredFile
from vae.storage.store import path_of

PathResolver = Callable[[StoredFile], Path]

default_path_of: PathResolver = path_of
