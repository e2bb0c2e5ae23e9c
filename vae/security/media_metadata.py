"""Location metadata in MP4 / MOV / M4A files (ISO base media), blanked in place.

A phone writes where a video was shot in `moov/udta/©xyz` (QuickTime) and in
`moov/meta` as the key `com.apple.quicktime.location.ISO6709`. Each such box becomes
a `free` box of the same size filled with zeros: no offset moves, so the sample
tables stay valid and the video still plays.
"""
from __future__ import annotations

import struct

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"udta", b"meta", b"ilst", b"edts", b"dinf", b"stbl"}
LOCATION_BOXES = {b"\xa9xyz", b"loci"}
LOCATION_KEY = b"location"


def _boxes(data: bytearray, start: int, end: int):
    """(offset, header length, size, type) of each box between start and end."""
    offset = start
    while offset + 8 <= end:
        size, kind = struct.unpack(">I4s", data[offset:offset + 8])
        header = 8
        if size == 1 and offset + 16 <= end:
            size, header = struct.unpack(">Q", data[offset + 8:offset + 16])[0], 16
        elif size == 0:
            size = end - offset
        if size < header or offset + size > end:
            return
        yield offset, header, size, kind
        offset += size


def _blank(data: bytearray, offset: int, size: int) -> None:
    data[offset + 4:offset + 8] = b"free"
    data[offset + 8:offset + size] = bytes(size - 8)


def _children_start(data: bytearray, offset: int, header: int, kind: bytes) -> int:
    start = offset + header
    # ISO `meta` is a full box (4 bytes of version and flags); QuickTime's is not.
    if kind == b"meta" and data[start + 4:start + 8] != b"hdlr":
        start += 4
    return start


def _location_key_indexes(data: bytearray, start: int, end: int) -> set[int]:
    """1-based indexes of the keys (in a `keys` box) that name a location."""
    indexes, offset = set(), start + 8  # version/flags, entry count
    index = 0
    while offset + 8 <= end:
        size = struct.unpack(">I", data[offset:offset + 4])[0]
        if size < 8:
            break
        index += 1
        if LOCATION_KEY in bytes(data[offset + 8:offset + size]).lower():
            indexes.add(index)
        offset += size
    return indexes


def _walk(data: bytearray, start: int, end: int) -> int:
    blanked = 0
    boxes = list(_boxes(data, start, end))
    location_keys: set[int] = set()
    for offset, header, size, kind in boxes:
        if kind == b"keys":
            location_keys |= _location_key_indexes(data, offset + header, offset + size)
    for offset, header, size, kind in boxes:
        if kind in LOCATION_BOXES:
            _blank(data, offset, size)
            blanked += 1
        elif kind == b"keys" and location_keys:
            # The key names themselves say nothing, but keep them from hinting: blank the values below.
            continue
        elif kind == b"ilst" and location_keys:
            for item_offset, _h, item_size, item_kind in _boxes(data, offset + header, offset + size):
                if struct.unpack(">I", item_kind)[0] in location_keys:
                    _blank(data, item_offset, item_size)
                    blanked += 1
        elif kind in CONTAINERS:
            blanked += _walk(data, _children_start(data, offset, header, kind), offset + size)
    return blanked


def strip_location(data: bytes) -> bytes:
    """The same file with every location box blanked (the same object if there was none)."""
    buffer = bytearray(data)
    blanked = sum(_walk(buffer, offset + header, offset + size)
                  for offset, header, size, kind in list(_boxes(buffer, 0, len(buffer))) if kind == b"moov")
    return bytes(buffer) if blanked else data


def strip_location_in_file(path) -> bool:
    """Blank the location boxes of a stored upload in place, reading only its `moov` box into memory."""
    changed = False
    with open(path, "r+b") as f:
        f.seek(0, 2)
        end = f.tell()
        offset = 0
        while offset + 8 <= end:
            f.seek(offset)
            head = f.read(16)
            size, kind = struct.unpack(">I4s", head[:8])
            header = 8
            if size == 1 and len(head) == 16:
                size, header = struct.unpack(">Q", head[8:16])[0], 16
            elif size == 0:
                size = end - offset
            if size < header or offset + size > end:
                break
            if kind == b"moov":
                f.seek(offset)
                box = bytearray(f.read(size))
                if _walk(box, header, size):
                    f.seek(offset)
                    f.write(box)
                    changed = True
            offset += size
    return changed
