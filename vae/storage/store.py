"""Receiving an upload, and placing it on disk only once the database has committed.

Order of events (the choice documented in docs/storage.md):
1. `receive()` streams the upload into a private temp file under UPLOAD_DIR/tmp,
   hashing and size-capping as it goes, then checks the content type. Any refusal
   deletes the temp file: nothing is stored.
2. The operation records a `StoredFile` row (or reuses the one with the same hash)
   and the route commits.
3. Only then does the route call `place()`, which moves the temp file to its
   content-addressed name with an atomic rename. If the commit fails, the route
   calls `discard()` instead, so no file ever exists without its row.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
import wave
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from vae.extensions import db
from vae.storage import blobs
from vae.models import StoredFile
from vae.security.media_metadata import strip_location_in_file
from vae.security.uploads import (DEFAULT_MAX_IMAGE_PIXELS, ImageTooLarge, ScanUnavailable, clean_image,
                                  scan_upload)
from vae.storage.media_check import container_parses
from vae.storage.wav import compact_wav
from vae.storage.sniff import AUDIO, IMAGE, VIDEO, Sniffed, is_truncated, sniff

CHUNK = 1024 * 1024
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


class UploadRefused(ValueError):
    """An upload we will not keep; the message is shown to the person."""


@dataclass
class PendingUpload:
    temp_path: Path
    sha256: str
    size: int
    sniffed: Sniffed
    original_filename: str

    def place(self) -> None:
        """After commit: move the bytes to their content-addressed home (a no-op if already there),
        on local disk or in the object store (vae.storage.blobs)."""
        blobs.put(self.sha256, self.temp_path)

    def discard(self) -> None:
        self.temp_path.unlink(missing_ok=True)


def upload_root() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def path_for(sha256: str) -> Path:
    """A local file with the stored bytes (UPLOAD_DIR/ab/abcdef…, or the object store's read cache),
    used by the GDPR export and erasure and the backup."""
    return blobs.readable_path(sha256)


def path_of(stored: StoredFile) -> Path:
    return path_for(stored.sha256)


def _caps() -> tuple[int, int]:
    general = current_app.config["UPLOAD_MAX_BYTES"]
    return general, max(general, current_app.config["UPLOAD_MAX_VIDEO_BYTES"])


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f}"


def copy_to_temp(stream, prefix: str, max_bytes: int):
    """Stream an upload into a private temp file under UPLOAD_DIR/tmp, hashing as it goes.

    Returns (path, sha256 hasher, size); refuses an empty file or one past `max_bytes`,
    deleting the temp file, so nothing is kept of a refused upload."""
    temp_dir = upload_root() / "tmp"
    temp_dir.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=temp_dir, prefix=prefix)
    temp_path = Path(name)
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise UploadRefused(_("This file is too large (the limit is %(mb)s MB).",
                                          mb=_megabytes(max_bytes)))
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise UploadRefused(_("This file is empty."))
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    return temp_path, digest, size


def receive(stream, filename: str) -> PendingUpload:
    """Copy an upload into a temp file and check it; raises UploadRefused (and keeps nothing)."""
    general_cap, absolute_cap = _caps()
    temp_path, digest, size = copy_to_temp(stream, "upload-", absolute_cap)
    try:
        found = _sniff_file(temp_path, size)
        if found is None:
            raise UploadRefused(_("This kind of file is not accepted. Send a PDF, a photo (JPEG, PNG, WebP, "
                                  "HEIC), a sound (MP3, M4A, OGG, WAV, WebM) or a video (MP4, WebM)."))
        if is_truncated(found):
            raise UploadRefused(_("This file is incomplete (the upload was probably interrupted). "
                                  "Please send it again."))
        if found.family in (AUDIO, VIDEO) and not container_parses(temp_path, found.extension):
            raise UploadRefused(_("This sound or video could not be read. Please send it again."))
        # A WAV is judged after conversion to voice quality (what is kept), a video by its own cap.
        if found.family != VIDEO and found.extension != "wav" and size > general_cap:
            raise UploadRefused(_("This file is too large (the limit is %(mb)s MB).", mb=_megabytes(general_cap)))
        _scan(temp_path)
        rewritten = _strip_metadata(temp_path, found)
        if rewritten is not None:  # the kept bytes get their own hash
            found = rewritten
            sha256, size = _file_digest(temp_path)
        else:
            sha256 = digest.hexdigest()
        if found.family != VIDEO and size > general_cap:
            raise UploadRefused(_("This file is too large (the limit is %(mb)s MB).", mb=_megabytes(general_cap)))
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    return PendingUpload(temp_path, sha256, size, found, safe_filename(filename))


def safe_filename(filename: str | None) -> str:
    """The name as shown and offered at download: no directory, no control character
    (a line break would end up in a Content-Disposition header), at most 255 characters."""
    name = os.path.basename((filename or "").replace("\\", "/"))
    return CONTROL_CHARACTERS.sub("", name).strip()[:255]


def remove_stale_temp_files(max_age_seconds: int | None = None) -> int:
    """Delete what interrupted uploads left in UPLOAD_DIR/tmp (run at start and by `flask vae tick`)."""
    if max_age_seconds is None:
        max_age_seconds = current_app.config.get("UPLOAD_TEMP_MAX_AGE_SECONDS", 6 * 3600)
    limit, removed = time.time() - max_age_seconds, 0
    cache = upload_root() / "cache"  # copies fetched from the object store (vae.storage.blobs)
    stale = [p for d in cache.iterdir() if d.is_dir() for p in d.iterdir()] if cache.is_dir() else []
    temp_dir = upload_root() / "tmp"
    for path in (list(temp_dir.iterdir()) if temp_dir.is_dir() else []) + stale:
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another process cleaned it meanwhile
            continue
    return removed


def _scan(path: Path) -> None:
    """The malware hook: only reads the file into memory when a scanner is configured."""
    if not current_app.config.get("CLAMD_SOCKET"):
        return
    try:
        result = scan_upload(path.read_bytes())
    except ScanUnavailable:
        current_app.logger.exception("upload scanner unavailable")
        raise UploadRefused(_("Files cannot be checked right now. Please try again in a few minutes.")) from None
    if not result.clean:
        current_app.logger.warning("upload refused by the scanner: %s", result.threat)
        raise UploadRefused(_("This file looks dangerous and was not kept."))


def _strip_metadata(path: Path, found: Sniffed) -> Sniffed | None:
    """Rewrite a photo without EXIF/GPS, or blank an MP4/MOV's location boxes.

    Returns what the file now is, or None when its bytes were left as they were.
    """
    if found.extension in ("mp4", "m4a"):
        return found if strip_location_in_file(path) else None
    if found.extension == "wav":
        try:
            return found if compact_wav(path) else None
        except (wave.Error, ValueError, EOFError):
            raise UploadRefused(_("This sound or video could not be read. Please send it again.")) from None
    if found.family != IMAGE:
        return None
    max_pixels = current_app.config.get("UPLOAD_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS)
    try:
        clean, mime = clean_image(path.read_bytes(), found.mime_type, max_pixels)
    except ImageTooLarge:
        raise UploadRefused(_("This picture is too large (at most %(mp)s megapixels): please send a smaller one.",
                              mp=max_pixels // 1_000_000)) from None
    except Exception:  # Pillow refuses a picture it cannot decode: so do we
        raise UploadRefused(_("This photo could not be read. Please send it again.")) from None
    path.write_bytes(clean)
    return found if mime == found.mime_type else Sniffed(mime, IMAGE, "jpg")


def _file_digest(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _sniff_file(path: Path, size: int) -> Sniffed | None:
    with path.open("rb") as f:
        head = f.read(4096)
        f.seek(max(0, size - 1024))
        tail = f.read(1024)

        def read_at(offset: int, n: int) -> bytes:
            f.seek(offset)
            return f.read(n)

        return sniff(head, tail, size, read_at)


def stored_file_for(upload: PendingUpload) -> StoredFile:
    """The row for these bytes: the same content uploaded twice is stored once."""
    existing = db.session.scalar(select(StoredFile).where(StoredFile.sha256 == upload.sha256))
    if existing is not None:
        return existing
    row = StoredFile(sha256=upload.sha256, size_bytes=upload.size, mime_type=upload.sniffed.mime_type)
    db.session.add(row)
    db.session.flush()
    return row
