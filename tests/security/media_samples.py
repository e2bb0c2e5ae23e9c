"""Small but real media files, built in memory: each parses as what it claims to be.

Uploads are validated by parsing (mutagen, the ISO box tree, the EBML tree), so tests
need files with real headers, not a magic prefix followed by zeros.
"""
from __future__ import annotations

import io
import struct
import wave

from mutagen.ogg import OggPage
from PIL import Image

GPS_IFD = 0x8825
PARIS = b"+48.8566+002.3522/"


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _full_box(kind: bytes, payload: bytes) -> bytes:
    return box(kind, b"\x00\x00\x00\x00" + payload)


def _mvhd(seconds: int = 2) -> bytes:
    body = struct.pack(">IIII", 0, 0, 1000, seconds * 1000) + struct.pack(">IH", 0x00010000, 0x0100)
    body += bytes(10) + struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000) + bytes(24)
    return _full_box(b"mvhd", body + struct.pack(">I", 2))


def _trak(handler: bytes, seconds: int = 2) -> bytes:
    mdhd = _full_box(b"mdhd", struct.pack(">IIIIHH", 0, 0, 1000, seconds * 1000, 0x55C4, 0))
    hdlr = _full_box(b"hdlr", b"\x00\x00\x00\x00" + handler + bytes(12) + b"track\x00")
    return box(b"trak", box(b"mdia", mdhd + hdlr))


def iso_media(brand: bytes = b"isom", size: int = 600, *, location: bool = False) -> bytes:
    """ftyp, moov (mvhd, one track; with `location`, the phone's ©xyz and ISO6709 key), then mdat up to `size`."""
    ftyp = box(b"ftyp", brand + b"\x00\x00\x00\x00" + brand + b"isom")
    handler = b"soun" if brand == b"M4A " else b"vide"
    children = _mvhd() + _trak(handler)
    if location:
        children += box(b"udta", box(b"\xa9xyz", struct.pack(">HH", len(PARIS), 0x15C7) + PARIS))
        keys = _full_box(b"keys", struct.pack(">I", 1) + box(b"mdta", b"com.apple.quicktime.location.ISO6709"))
        value = box(b"data", struct.pack(">II", 1, 0) + PARIS)
        ilst = box(b"ilst", box(struct.pack(">I", 1), value))
        meta = box(b"meta", _full_box(b"hdlr", b"\x00\x00\x00\x00mdta" + bytes(12) + b"\x00") + keys + ilst)
        children += meta
    head = ftyp + box(b"moov", children)
    return head + box(b"mdat", b"\x00" * max(0, size - len(head) - 8))


def mp3_audio(frames: int = 40) -> bytes:
    """MPEG-1 Layer III frames of silence (128 kbit/s, 44.1 kHz, mono): 417 bytes each."""
    frame = b"\xff\xfb\x90\xc4" + bytes(413)
    return b"ID3\x04\x00\x00\x00\x00\x00\x00" + frame * frames


def ogg_opus() -> bytes:
    head = OggPage()
    head.packets = [b"OpusHead" + struct.pack("<BBHIhB", 1, 1, 312, 48000, 0, 0)]
    head.first = True
    head.serial = 7
    head.position = 0
    tags = OggPage()
    tags.packets = [b"OpusTags" + struct.pack("<I", 3) + b"vae" + struct.pack("<I", 0)]
    tags.serial, tags.sequence, tags.position = 7, 1, 0
    audio = OggPage()
    audio.packets = [b"\xf8\xff\xfe"] * 50  # 50 Opus packets of 20 ms silence
    audio.serial, audio.sequence, audio.position, audio.last = 7, 2, 48000 + 312, True
    return head.write() + tags.write() + audio.write()


def wav_audio(seconds: float = 1.0, rate: int = 44100, channels: int = 2) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(int(rate * seconds) * channels * 2))
    return out.getvalue()


def _ebml(element_id: bytes, payload: bytes) -> bytes:
    size = len(payload)
    return element_id + struct.pack(">Q", size | (0x01 << 56)) + payload  # 8-byte size vint


def webm(video: bool, size: int = 600) -> bytes:
    """EBML header (DocType webm), Segment (Info, Tracks with one track, a Cluster)."""
    header = _ebml(b"\x1a\x45\xdf\xa3", _ebml(b"\x42\x86", b"\x01") + _ebml(b"\x42\x82", b"webm"))
    codec = b"V_VP8" if video else b"A_OPUS"
    entry = _ebml(b"\xd7", b"\x01") + _ebml(b"\x83", b"\x01" if video else b"\x02") + _ebml(b"\x86", codec)
    info = _ebml(b"\x15\x49\xa9\x66", _ebml(b"\x2a\xd7\xb1", b"\x0f\x42\x40"))
    tracks = _ebml(b"\x16\x54\xae\x6b", _ebml(b"\xae", entry))
    used = len(header) + 12 + len(info) + len(tracks) + 12
    cluster = _ebml(b"\x1f\x43\xb6\x75", _ebml(b"\xe7", b"\x00") + bytes(max(0, size - used - 12)))
    segment = b"\x18\x53\x80\x67" + b"\x01\xff\xff\xff\xff\xff\xff\xff" + info + tracks + cluster  # unknown size
    return header + segment


def heic_photo(*, gps: bool = True, size=(40, 30)) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
    out = io.BytesIO()
    image.save(out, format="HEIF", exif=exif.tobytes())
    return out.getvalue()
