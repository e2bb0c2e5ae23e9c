"""A file handed to a job (a register export): kept through the storage, never in memory or in the job's params.

Unlike evidence (store.receive) its content is not sniffed here: the job that reads it checks it
and says what is wrong. Like evidence it is staged in UPLOAD_DIR/tmp, then placed under its hash
(local disk or the bucket) only after the commit that queued the job.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _

from vae.storage import blobs
from vae.storage.store import CHUNK, UploadRefused, safe_filename, upload_root


@dataclass
class StagedFile:
    temp_path: Path
    sha256: str
    size: int
    filename: str

    def place(self) -> None:
        """After the commit: to its content-addressed home, where the job finds it by hash."""
        blobs.put(self.sha256, self.temp_path)

    def discard(self) -> None:
        self.temp_path.unlink(missing_ok=True)


def stage(stream, filename: str | None, max_bytes: int) -> StagedFile:
    """Copy an upload to a private temp file, hashing it; raises UploadRefused (keeping nothing)."""
    temp_dir = upload_root() / "tmp"
    temp_dir.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=temp_dir, prefix="job-")
    temp_path = Path(name)
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise UploadRefused(_("This file is too large (the limit is %(mb)s MB).",
                                          mb=f"{max_bytes / (1024 * 1024):.0f}"))
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise UploadRefused(_("This file is empty."))
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    return StagedFile(temp_path, digest.hexdigest(), size, safe_filename(filename) or "upload")


def local_copy(sha256: str) -> Path:
    """A local path to a staged file's bytes, for the job that reads it (fetched from the bucket if need be)."""
    return blobs.readable_path(sha256)
