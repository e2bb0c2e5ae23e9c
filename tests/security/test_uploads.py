"""Photos lose their EXIF (GPS) when re-encoded; the malware scan hook speaks clamd's protocol."""
from __future__ import annotations

import io
import socket
import struct
import threading

import pytest
from PIL import Image

from vae.security.uploads import ScanUnavailable, scan_upload, strip_image_metadata

GPS_IFD = 0x8825


def _photo_with_gps(fmt="JPEG") -> bytes:
    image = Image.new("RGB", (40, 30), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif.tobytes())
    return out.getvalue()


@pytest.mark.parametrize("fmt, mime", [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")])
def test_re_encoding_drops_the_location_and_keeps_the_picture(fmt, mime):
    original = _photo_with_gps(fmt)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)
    cleaned = strip_image_metadata(original, mime)
    image = Image.open(io.BytesIO(cleaned))
    assert image.format == fmt and image.size == (40, 30)
    assert not image.getexif() and b"PhoneMaker" not in cleaned
    assert all(abs(a - b) < 12 for a, b in zip(image.convert("RGB").getpixel((5, 5)), (200, 120, 40)))


def test_other_files_are_left_alone():
    assert strip_image_metadata(b"%PDF-1.7 ...", "application/pdf") == b"%PDF-1.7 ..."


def test_without_a_scanner_uploads_are_marked_not_scanned(app):
    result = scan_upload(b"anything")
    assert result.clean and not result.scanned


class FakeClamd:
    """A unix-socket server speaking clamd's INSTREAM protocol (as the real daemon does)."""

    EICAR = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"

    def __init__(self, path):
        self.path = str(path)
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(1)
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                buffer = b""
                while not buffer.startswith(b"zINSTREAM\0"):
                    buffer += conn.recv(10)
                buffer = buffer[len(b"zINSTREAM\0"):]
                data = b""
                while True:
                    while len(buffer) < 4:
                        buffer += conn.recv(65536)
                    (size,), buffer = struct.unpack("!L", buffer[:4]), buffer[4:]
                    if size == 0:
                        break
                    while len(buffer) < size:
                        buffer += conn.recv(65536)
                    data, buffer = data + buffer[:size], buffer[size:]
                verdict = b"stream: Eicar-Test-Signature FOUND\0" if self.EICAR in data else b"stream: OK\0"
                conn.sendall(verdict)


def test_the_clamd_hook_reports_clean_and_infected_files(app, tmp_path):
    FakeClamd(tmp_path / "clamd.sock")
    app.config["CLAMD_SOCKET"] = str(tmp_path / "clamd.sock")
    clean = scan_upload(b"x" * 200_000)
    assert clean.scanned and clean.clean
    infected = scan_upload(b"prefix " + FakeClamd.EICAR + b" suffix")
    assert infected.scanned and not infected.clean and infected.threat == "Eicar-Test-Signature"


def test_an_unreachable_scanner_refuses_rather_than_skips(app, tmp_path):
    app.config["CLAMD_SOCKET"] = str(tmp_path / "missing.sock")
    with pytest.raises(ScanUnavailable):
        scan_upload(b"data")
