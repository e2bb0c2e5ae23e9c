"""Bake a credential into a PNG badge (OB 3.0 "baking") and extract it back.

The credential goes in one ``iTXt`` chunk with keyword ``openbadgecredential``,
uncompressed UTF-8 JSON, placed before ``IEND``. We edit chunks directly instead of
re-encoding with Pillow so the image data stays byte-identical to the template.
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path
from typing import Any

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEYWORD = b"openbadgecredential"
TEMPLATE = Path(__file__).with_name("assets") / "badge-template.png"


class BakingError(ValueError):
    pass


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    if not png.startswith(PNG_SIGNATURE):
        raise BakingError("not a PNG file")
    chunks: list[tuple[bytes, bytes]] = []
    pos = len(PNG_SIGNATURE)
    while pos < len(png):
        if pos + 8 > len(png):
            raise BakingError("truncated PNG chunk header")
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        data = png[pos + 8 : pos + 8 + length]
        crc_bytes = png[pos + 8 + length : pos + 12 + length]
        if len(data) != length or len(crc_bytes) != 4:
            raise BakingError(f"truncated PNG chunk {kind!r}")
        if struct.unpack(">I", crc_bytes)[0] != zlib.crc32(kind + data):
            raise BakingError(f"bad CRC in PNG chunk {kind!r}")
        chunks.append((kind, data))
        pos += 12 + length
        if kind == b"IEND":
            break
    if not chunks or chunks[-1][0] != b"IEND":
        raise BakingError("PNG has no IEND chunk")
    return chunks


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _parse_itxt(data: bytes) -> tuple[bytes, str]:
    """iTXt = keyword NUL flag method language NUL translated-keyword NUL text."""
    keyword, rest = data.split(b"\x00", 1)
    compressed, _method = rest[0], rest[1]
    _language, rest = rest[2:].split(b"\x00", 1)
    _translated, text = rest.split(b"\x00", 1)
    if compressed:
        text = zlib.decompress(text)
    return keyword, text.decode("utf-8")


def _is_credential_chunk(kind: bytes, data: bytes) -> bool:
    return kind == b"iTXt" and data.split(b"\x00", 1)[0] == KEYWORD


def bake(png: bytes, credential: dict[str, Any]) -> bytes:
    """Return ``png`` carrying ``credential``; any credential already baked is replaced."""
    text = json.dumps(credential, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    itxt = KEYWORD + b"\x00" + b"\x00\x00" + b"\x00" + b"\x00" + text
    out = [PNG_SIGNATURE]
    for kind, data in _chunks(png):
        if _is_credential_chunk(kind, data):
            continue  # the spec allows one credential per image
        if kind == b"IEND":
            out.append(_chunk(b"iTXt", itxt))
        out.append(_chunk(kind, data))
    return b"".join(out)


def extract(png: bytes) -> dict[str, Any] | None:
    """The baked credential, or None if the image carries none."""
    for kind, data in _chunks(png):
        if _is_credential_chunk(kind, data):
            _keyword, text = _parse_itxt(data)
            credential = json.loads(text)
            if not isinstance(credential, dict):
                raise BakingError("baked credential is not a JSON object")
            return credential
    return None


def bake_template(credential: dict[str, Any]) -> bytes:
    """The shipped badge image with ``credential`` baked in."""
    return bake(TEMPLATE.read_bytes(), credential)
