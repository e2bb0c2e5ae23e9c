"""What a file really is, from its bytes (never its name), against the allow-list.

Each recognised type also gets a cheap completeness check, so that an upload cut
short (a dropped phone connection) is refused instead of stored half-written.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

IMAGE, AUDIO, VIDEO, DOCUMENT = "image", "audio", "video", "document"


@dataclass(frozen=True)
class Sniffed:
    mime_type: str
    family: str  # image / audio / video / document
    extension: str


def _pdf(head: bytes, tail: bytes) -> Sniffed | None:
    if head.startswith(b"%PDF-"):
        return Sniffed("application/pdf", DOCUMENT, "pdf") if b"%%EOF" in tail else _TRUNCATED
    return None


def _jpeg(head: bytes, tail: bytes) -> Sniffed | None:
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image/jpeg", IMAGE, "jpg") if b"\xff\xd9" in tail[-32:] else _TRUNCATED
    return None


def _png(head: bytes, tail: bytes) -> Sniffed | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image/png", IMAGE, "png") if tail.endswith(b"IEND\xaeB`\x82") else _TRUNCATED
    return None


def _riff(head: bytes, tail: bytes, size: int) -> Sniffed | None:
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        declared = struct.unpack("<I", head[4:8])[0] + 8
        return Sniffed("image/webp", IMAGE, "webp") if declared <= size else _TRUNCATED
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":  # a voice memo from a recorder or a PC
        declared = struct.unpack("<I", head[4:8])[0] + 8
        return Sniffed("audio/wav", AUDIO, "wav") if declared <= size else _TRUNCATED
    return None


def _mp3(head: bytes, tail: bytes) -> Sniffed | None:
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return Sniffed("audio/mpeg", AUDIO, "mp3")
    return None


def _ogg(head: bytes, tail: bytes) -> Sniffed | None:
    if head.startswith(b"OggS"):
        return Sniffed("audio/ogg", AUDIO, "ogg")
    return None


def _webm(head: bytes, tail: bytes) -> Sniffed | None:
    # EBML header; a WebM with no video track is audio (what MediaRecorder writes for a voice note).
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]:
        if b"V_VP8" in head or b"V_VP9" in head or b"V_AV1" in head:
            return Sniffed("video/webm", VIDEO, "webm")
        return Sniffed("audio/webm", AUDIO, "webm")
    return None


_ISO_BRANDS = {
    b"M4A ": ("audio/mp4", AUDIO, "m4a"),
    b"heic": ("image/heic", IMAGE, "heic"), b"heix": ("image/heic", IMAGE, "heic"),
    b"mif1": ("image/heif", IMAGE, "heif"), b"msf1": ("image/heif", IMAGE, "heif"),
}


def _iso_media(head: bytes, tail: bytes, size: int, boxes_complete: bool) -> Sniffed | None:
    """MP4 family (MP4 video, M4A audio, HEIC photos): an `ftyp` box first."""
    if head[4:8] != b"ftyp":
        return None
    brand = head[8:12]
    mime, family, ext = _ISO_BRANDS.get(brand, ("video/mp4", VIDEO, "mp4"))
    return Sniffed(mime, family, ext) if boxes_complete else _TRUNCATED


_TRUNCATED = Sniffed("truncated", "truncated", "")


def iso_boxes_complete(read_at, size: int) -> bool:
    """Walk the top-level boxes: their declared sizes must add up to the file's size."""
    offset = 0
    while offset < size:
        header = read_at(offset, 16)
        if len(header) < 8:
            return False
        length = struct.unpack(">I", header[:4])[0]
        if length == 1:
            if len(header) < 16:
                return False
            length = struct.unpack(">Q", header[8:16])[0]
        elif length == 0:  # runs to the end of the file
            return True
        if length < 8:
            return False
        offset += length
    return offset == size


def sniff(head: bytes, tail: bytes, size: int, read_at) -> Sniffed | None:
    """The allowed type of these bytes, `TRUNCATED`, or None if not allowed."""
    for check in (_pdf, _jpeg, _png, _mp3, _ogg, _webm):
        found = check(head, tail)
        if found:
            return found
    found = _riff(head, tail, size)
    if found:
        return found
    if head[4:8] == b"ftyp":
        return _iso_media(head, tail, size, iso_boxes_complete(read_at, size))
    return None


def is_truncated(sniffed: Sniffed | None) -> bool:
    return sniffed is _TRUNCATED
