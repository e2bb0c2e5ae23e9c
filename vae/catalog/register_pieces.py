"""Cutting a register export's bytes into its fiches, without parsing them.

`pieces(stream)` yields the file's bytes, in order and all of them, as `(FICHE, bytes)` for
each `<FICHE>…</FICHE>` and `(SKELETON, bytes)` for what lies between (prolog, root tag,
VERSION_FLUX, white space). The reader hashes a fiche's bytes (C speed) and parses only the
fiches whose hash it does not know: an unchanged fiche of a monthly re-import is never parsed.

The cut is exact for any well-formed file: `bytes.find`/one regex look only at `<FICHE`,
`</FICHE>` and at what may hide them (comments, CDATA sections, processing instructions are
skipped whole), nested FICHE tags are counted. Whatever this scanner does not understand
(an attribute on FICHE, an empty `<FICHE/>`, an encoding that is not a superset of ASCII
such as UTF-16) stays in the skeleton: the reader parses skeleton pieces with the element
tree as before, so such files are still read, only without the shortcut. A DOCTYPE is
refused: the export has none, and entities declared there could change what the bytes of an
"unchanged" fiche mean.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import IO

SKELETON, FICHE = "skeleton", "fiche"
READ_SIZE = 64 * 1024
_MARK = re.compile(rb"<(?:(/?)FICHE(?=[\s/>])|!--|!\[CDATA\[|\?|!)")
_FICHE_START = b"<FICHE>"
_FICHE_END = re.compile(rb"</FICHE\s*>")
_SKIP_TO = {b"<!--": b"-->", b"<![CDATA[": b"]]>", b"<?": b"?>"}
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?<\?xml\s[^>]*?encoding\s*=\s*[\"']([A-Za-z][\w.\-]*)[\"']")
_PROBE = "<FICHE></FICHE><!--?]]>"
_LOOKAHEAD = 16  # bytes a marker may need beyond what has been read, to be told apart


class DoctypeRefused(ValueError):
    """The file declares a DOCTYPE."""


def declared_encoding(head: bytes) -> str | None:
    """The codec the prolog declares (UTF-8 without one), or None when its bytes are not a
    superset of ASCII (UTF-16, UTF-32, EBCDIC…, or unknown): then nothing is cut."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:4]:
        return None
    found = _PROLOG.match(head)
    try:
        codec = codecs.lookup(found.group(1).decode("ascii") if found else "utf-8")
        return codec.name if _PROBE.encode(codec.name) == _PROBE.encode("ascii") else None
    except (LookupError, UnicodeError):
        return None


def pieces(stream: IO[bytes]) -> Iterator[tuple[str, bytes] | str | None]:
    """First the declared encoding (None: the file is not cut, all of it comes as skeleton),
    then the pieces."""
    head = stream.read(READ_SIZE)
    encoding = declared_encoding(head)
    yield encoding
    if encoding is None:
        while head:
            yield SKELETON, head
            head = stream.read(READ_SIZE)
        return
    # A bytearray grows in place: a fiche of many megabytes read 64 kB at a time costs a
    # linear copy, not one copy of everything read so far per read (quadratic).
    buffer = bytearray(head)
    done = pos = 0          # bytes before `done` are yielded; the scan resumes at `pos`
    fiche_at = None         # start of the open fiche (a FICHE child of the root, if well-formed)
    nested = 0              # FICHE tags opened inside it
    eof = False
    while True:
        found = _MARK.search(buffer, pos)
        need_more = found is None or (not eof and len(buffer) - found.start() < _LOOKAHEAD)
        if found is not None and not need_more:
            start, mark = found.start(), bytes(found.group(0))
            closer = _SKIP_TO.get(mark)
            if closer is not None:  # a comment, CDATA section or processing instruction: skipped whole
                end = buffer.find(closer, found.end())
                if end >= 0:
                    pos = end + len(closer)
                    continue
                need_more = True
            elif mark == b"<!":
                if buffer.startswith(b"<!DOCTYPE", start):
                    raise DoctypeRefused("the file declares a DOCTYPE")
                pos = found.end()  # not XML: the parser says so
                continue
            elif found.group(1):  # </FICHE
                closing = _FICHE_END.match(buffer, start)
                if closing is None:
                    pos = found.end()  # not an end tag the parser accepts: it says so
                    continue
                pos = closing.end()
                if fiche_at is not None:
                    if nested:
                        nested -= 1
                        continue
                    if fiche_at > done:
                        yield SKELETON, bytes(buffer[done:fiche_at])
                    yield FICHE, bytes(buffer[fiche_at:pos])
                    done, fiche_at = pos, None
                continue
            else:  # <FICHE
                if buffer.startswith(_FICHE_START, start):
                    if fiche_at is None:
                        fiche_at = start
                    else:
                        nested += 1
                    pos = start + len(_FICHE_START)
                elif fiche_at is not None:
                    nested += 1 if _opens(buffer, start) else 0
                    pos = found.end()
                else:
                    pos = found.end()  # attributes or <FICHE/>: left to the skeleton
                continue
        if eof:
            break
        # Keep what is not yielded yet (outside a fiche everything before the rescan point can go)
        # and scan again from the marker that needed more bytes.
        rescan = found.start() if found is not None else max(pos, len(buffer) - _LOOKAHEAD)
        if fiche_at is None and rescan > done:
            yield SKELETON, bytes(buffer[done:rescan])
            done = rescan
        block = stream.read(READ_SIZE)
        eof = not block
        del buffer[:done]
        buffer += block
        pos = rescan - done
        if fiche_at is not None:
            fiche_at -= done
        done = 0
    if done < len(buffer):
        yield SKELETON, bytes(buffer[done:])  # an unfinished fiche, or the end: the parser judges it


def _opens(buffer: bytes, start: int) -> bool:
    """`<FICHE …>` with attributes opens an element; `<FICHE/>` or `<FICHE … />` does not."""
    end = buffer.find(b">", start)
    return end < 0 or buffer[end - 1:end] != b"/"
