"""Upload hygiene, wired into vae/storage by the uploads feature.

- `strip_image_metadata`: re-encode a photo so that EXIF (GPS position, device,
  owner) never reaches the dossier; the orientation is applied first so the picture
  still looks right.
- `scan_upload`: a pluggable malware check; with CLAMD_SOCKET set it asks a ClamAV
  daemon (clamd INSTREAM protocol), otherwise it reports "not scanned".
Original file names are never used as paths: files are stored under their SHA-256.
"""
from __future__ import annotations

import io
import socket
import struct
from dataclasses import dataclass

from flask import current_app, has_app_context
from PIL import Image, ImageOps

IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/gif": "GIF"}
CHUNK = 64 * 1024


def strip_image_metadata(data: bytes, mime: str) -> bytes:
    """The same picture without metadata; other kinds of file are returned unchanged."""
    target = IMAGE_FORMATS.get(mime)
    if target is None:
        return data
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        if target != "GIF":
            image = ImageOps.exif_transpose(image)
        # Pixels only: a new image carries no info/EXIF/XMP/ICC from the upload.
        clean = Image.frombytes(image.mode, image.size, image.tobytes())
        if image.mode == "P" and image.getpalette():
            clean.putpalette(image.getpalette())
        if target == "JPEG" and clean.mode not in ("RGB", "L", "CMYK"):
            clean = clean.convert("RGB")
        out = io.BytesIO()
        options = {"quality": 90} if target in ("JPEG", "WEBP") else {}
        clean.save(out, format=target, **options)  # no exif=, no pnginfo=: nothing carried over
        return out.getvalue()


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    scanned: bool
    threat: str | None = None
    detail: str = ""


class ScanUnavailable(RuntimeError):
    """The configured scanner could not be reached: refuse the upload rather than skip the check."""


def scan_upload(data: bytes, socket_path: str | None = None, timeout: float = 30.0) -> ScanResult:
    socket_path = socket_path or (current_app.config.get("CLAMD_SOCKET") if has_app_context() else None)
    if not socket_path:
        return ScanResult(clean=True, scanned=False, detail="no scanner configured")
    return _clamd_instream(socket_path, data, timeout)


def _clamd_instream(socket_path: str, data: bytes, timeout: float) -> ScanResult:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout)
            conn.connect(socket_path)
            conn.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), CHUNK):
                chunk = data[start:start + CHUNK]
                conn.sendall(struct.pack("!L", len(chunk)) + chunk)
            conn.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = conn.recv(4096)
                if not part:
                    break
                reply += part
    except OSError as error:
        raise ScanUnavailable(f"clamd at {socket_path}: {error}") from error
    return _parse_clamd_reply(reply.rstrip(b"\0").decode("utf-8", "replace"))


def _parse_clamd_reply(text: str) -> ScanResult:
    """'stream: OK' | 'stream: Eicar-Signature FOUND' | '… ERROR'."""
    verdict = text.partition(": ")[2] or text
    if verdict == "OK":
        return ScanResult(clean=True, scanned=True, detail=text)
    if verdict.endswith(" FOUND"):
        return ScanResult(clean=False, scanned=True, threat=verdict[: -len(" FOUND")], detail=text)
    raise ScanUnavailable(f"clamd answered: {text}")
