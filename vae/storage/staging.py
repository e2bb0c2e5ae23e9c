"""A file handed to a job (a register export): kept through the storage, never in memory or in the job's params.

Unlike evidence (store.receive) its content is not sniffed here: the job that reads it checks it
and says what is wrong. Like evidence it is staged in UPLOAD_DIR/tmp, then placed under its hash
(local disk or the bucket) only after the commit that queued the job.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vae.storage import blobs
from vae.storage.store import copy_to_temp, safe_filename


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
    temp_path, digest, size = copy_to_temp(stream, "job-", max_bytes)
    return StagedFile(temp_path, digest.hexdigest(), size, safe_filename(filename) or "upload")


def local_copy(sha256: str) -> Path:
    """A local path to a staged file's bytes, for the job that reads it (fetched from the bucket if need be)."""
    return blobs.readable_path(sha256)
