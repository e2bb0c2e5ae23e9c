"""Upload hygiene, wired into vae/storage by the uploads feature.

- `clean_image` / `strip_image_metadata`: re-encode a photo so that EXIF (GPS position,
  device, owner) never reaches the dossier; the orientation is applied first so the picture
  still looks right; a picture with more pixels than a photo needs is refused undecoded.
- `vae.security.media_metadata`: the same for the location atoms of MP4/MOV/M4A files.
- `scan_upload`: a pluggable malware check; with CLAMD_SOCKET set it asks a ClamAV
  daemon (clamd INSTREAM protocol), otherwise it reports "not scanned".
Original file names are never used as paths: files are stored under their SHA-256.
"""
from __future__ import annotations

import io
import socket
import struct
from dataclasses import dataclass

import pillow_heif
from flask import current_app, has_app_context
from PIL import Image, ImageOps

pillow_heif.register_heif_opener()  # HEIC/HEIF (iPhone photos) decode through Pillow

# Kept in their own format; HEIC/HEIF become JPEG (their EXIF cannot be dropped without
# re-encoding, and most browsers cannot show them anyway).
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/gif": "GIF"}
CONVERTED_TO_JPEG = {"image/heic", "image/heif"}
# A phone photo is 12-50 megapixels; Pillow's own bomb limit (~179 MP) lets a 2.7 GiB decode through.
DEFAULT_MAX_IMAGE_PIXELS = 40_000_000
CHUNK = 64 * 1024


class ImageTooLarge(ValueError):
    """More pixels than any photo needs: refused before a single pixel is decoded."""


def clean_image(data: bytes, mime: str, max_pixels: int = DEFAULT_MAX_IMAGE_PIXELS) -> tuple[bytes, str]:
    """The same picture without metadata, and its type; other kinds of file come back unchanged."""
    converted = mime in CONVERTED_TO_JPEG
    target = "JPEG" if converted else IMAGE_FORMATS.get(mime)
    if target is None:
        return data, mime
    with Image.open(io.BytesIO(data)) as image:
        # Only the header has been read so far: refuse a pixel bomb before decoding it.
        if image.width * image.height > max_pixels:
            raise ImageTooLarge(f"{image.width}x{image.height}")
        image.load()
        if target != "GIF":
            image = ImageOps.exif_transpose(image)
        # Pixels only: a new image carries no info/EXIF/XMP/ICC from the upload (paste: no extra byte copy).
        clean = Image.new(image.mode, image.size)
        clean.paste(image)
        if image.mode == "P" and image.getpalette():
            clean.putpalette(image.getpalette())
        if target == "JPEG" and clean.mode not in ("RGB", "L", "CMYK"):
            clean = clean.convert("RGB")
        out = io.BytesIO()
        options = {"quality": 90} if target in ("JPEG", "WEBP") else {}
        clean.save(out, format=target, **options)  # no exif=, no pnginfo=: nothing carried over
        return out.getvalue(), ("image/jpeg" if converted else mime)


def strip_image_metadata(data: bytes, mime: str) -> bytes:
    """The same picture without metadata, in its own format (HEIC: as JPEG)."""
    return clean_image(data, mime)[0]


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
