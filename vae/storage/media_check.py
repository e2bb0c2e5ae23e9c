"""Sounds and videos are kept only if their container parses, not because of a prefix.

`ID3` followed by an executable and some HTML starts like an MP3; it is not one. Each
audio/video type is opened by a parser of its container (mutagen for MP3, Ogg, WAV and
MP4/M4A; a small EBML walk for WebM, which mutagen does not read) and must describe
at least one track.
"""
from __future__ import annotations

from pathlib import Path

import mutagen
from mutagen.mp4 import Atoms

EBML_ID, SEGMENT_ID, TRACKS_ID, TRACK_ENTRY_ID, CLUSTER_ID = 0x1A45DFA3, 0x18538067, 0x1654AE6B, 0xAE, 0x1F43B675
MAX_HEADER_ELEMENTS = 10_000


def container_parses(path: Path, extension: str) -> bool:
    try:
        if extension in ("mp4", "m4a"):
            return _iso_has_tracks(path)
        if extension == "webm":
            return _webm_has_tracks(path)
        parsed = mutagen.File(path)
        return parsed is not None and parsed.info.length > 0
    except Exception:  # noqa: BLE001 - whatever a parser trips on, the file is not what it claims
        return False


def _iso_has_tracks(path: Path) -> bool:
    with path.open("rb") as f:
        atoms = Atoms(f)
    moov = atoms.path(b"moov")[-1]
    return moov.findall(b"mvhd") != [] and list(moov.findall(b"trak")) != []


# -- WebM (EBML) ------------------------------------------------------------------
def _vint(f, *, is_id: bool) -> tuple[int, bool] | None:
    """One EBML variable-length integer: (value, unknown size?) or None at a broken byte."""
    first = f.read(1)
    if not first:
        return None
    length = 9 - first[0].bit_length()
    if length > (4 if is_id else 8) or first[0] == 0:
        return None
    rest = f.read(length - 1)
    if len(rest) != length - 1:
        return None
    raw = first + rest
    if is_id:
        return int.from_bytes(raw, "big"), False
    value = int.from_bytes(raw, "big") & ((1 << (7 * length)) - 1)
    return value, value == (1 << (7 * length)) - 1


def _element(f):
    found_id = _vint(f, is_id=True)
    found_size = _vint(f, is_id=False) if found_id else None
    if found_size is None:
        return None
    return found_id[0], found_size[0], found_size[1], f.tell()


def _webm_has_tracks(path: Path) -> bool:
    size = path.stat().st_size
    with path.open("rb") as f:
        header = _element(f)
        if header is None or header[0] != EBML_ID or header[2] or header[3] + header[1] > size:
            return False
        f.seek(header[3] + header[1])
        segment = _element(f)
        if segment is None or segment[0] != SEGMENT_ID:
            return False
        end = size if segment[2] else min(size, segment[3] + segment[1])
        tracks = 0
        for _ in range(MAX_HEADER_ELEMENTS):
            if f.tell() >= end:
                return False
            child = _element(f)
            if child is None:
                return False
            element_id, length, unknown, start = child
            if element_id == CLUSTER_ID:
                return tracks > 0  # the media follows: the header described it
            if unknown or start + length > end:
                return False
            if element_id == TRACKS_ID:
                tracks += _count_track_entries(f, start + length)
            f.seek(start + length)
    return False


def _count_track_entries(f, end: int) -> int:
    count = 0
    while f.tell() < end:
        child = _element(f)
        if child is None or child[2] or child[3] + child[1] > end:
            return 0
        count += child[0] == TRACK_ENTRY_ID
        f.seek(child[3] + child[1])
    return count
