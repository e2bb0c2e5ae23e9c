"""Uploads, second round: every photo type loses its location, MP4/MOV lose theirs, pixel bombs are
refused undecoded, sounds and videos must parse (not only start right), WAV is accepted, a file name
with a line break cannot break the file, and an interrupted upload leaves nothing behind."""
from __future__ import annotations

import io
import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from tests.candidate.conftest import admissible_case  # noqa: F401  (fixture)
from tests.security import media_samples as media
from vae.models import Evidence, StoredFile
from vae.storage.store import UploadRefused, path_of, receive, remove_stale_temp_files


def _upload(client, case_block, data: bytes, name: str, kind: str):
    return client.post(f"/blocks/{case_block.id}/evidence", data={
        "competence_id": case_block.block.competences[0].id, "kind": kind, "title": "", "body": "",
        "file": (io.BytesIO(data), name)}, content_type="multipart/form-data", follow_redirects=True)


@pytest.fixture
def candidate_block(client, admissible_case, login_as):  # noqa: F811
    case = admissible_case()
    login_as(case.candidate)
    return case.blocks[0]


def _stored(db) -> StoredFile | None:
    return db.session.scalar(select(StoredFile))


# -- item 2: HEIC photos and MP4 location atoms --------------------------------------------------
def test_a_heic_photo_is_kept_as_a_jpeg_without_its_location(client, db, candidate_block):
    original = media.heic_photo(gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(media.GPS_IFD)
    _upload(client, candidate_block, original, "IMG_0042.HEIC", "photo")
    stored = _stored(db)
    assert stored is not None and stored.mime_type == "image/jpeg"
    kept = path_of(stored).read_bytes()
    image = Image.open(io.BytesIO(kept))
    assert image.format == "JPEG" and image.size == (40, 30)
    assert not image.getexif() and b"PhoneMaker" not in kept


@pytest.mark.parametrize("brand, kind", [(b"isom", "video"), (b"qt  ", "video"), (b"M4A ", "audio")])
def test_an_mp4_or_mov_loses_its_location_atoms_and_still_parses(client, db, candidate_block, brand, kind):
    original = media.iso_media(brand, 2000, location=True)
    assert original.count(media.PARIS) == 2
    _upload(client, candidate_block, original, "visite.mov", kind)
    stored = _stored(db)
    assert stored is not None
    kept = path_of(stored).read_bytes()
    assert media.PARIS not in kept and len(kept) == len(original)
    from vae.storage.media_check import container_parses

    assert container_parses(path_of(stored), "m4a" if brand == b"M4A " else "mp4")
    assert client.get(f"/files/evidence/{db.session.scalar(select(Evidence.id))}").data == kept


# -- item 3: pixel bombs ---------------------------------------------------------------------------
def _huge_png(width: int, height: int) -> bytes:
    """A black 1-bit PNG: a few hundred kB on disk, gigabytes once decoded into RGB."""
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))
    row = b"\x00" + bytes((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def test_a_pixel_bomb_is_refused_before_it_is_decoded(app, client, db, candidate_block):
    bomb = _huge_png(13000, 13000)
    assert len(bomb) < 1_000_000
    started = time.monotonic()
    page = _upload(client, candidate_block, bomb, "plan.png", "photo").get_data(as_text=True)
    assert time.monotonic() - started < 3  # decoding 169 megapixels would take far longer
    assert "mégapixels" in page or "megapixels" in page
    assert _stored(db) is None
    assert not [p for p in Path(app.config["UPLOAD_DIR"]).rglob("*") if p.is_file()]


def test_a_photo_below_the_pixel_cap_is_accepted(app, client, db, candidate_block):
    app.config["UPLOAD_MAX_IMAGE_PIXELS"] = 1_000_000
    _upload(client, candidate_block, _huge_png(1000, 1000), "plan.png", "photo")
    assert _stored(db) is not None


# -- item 17: parse, not prefix; WAV accepted ------------------------------------------------------
POLYGLOTS = {
    "id3-exe-html.mp3": b"ID3\x04\x00\x00\x00\x00\x00\x00MZ\x90\x00" + bytes(2000) + b"<html><script>alert(1)</script>",
    "oggs-then-junk.ogg": b"OggS" + bytes(3000),
    "ebml-then-junk.webm": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm\x86\x85V_VP8".ljust(3000, b"\0"),
    "ftyp-without-tracks.mp4": media.box(b"ftyp", b"isom" * 3) + media.box(b"mdat", b"MZ" + bytes(2000)),
    "riff-wave-junk.wav": b"RIFF" + struct.pack("<I", 2992) + b"WAVE" + b"<html>" + bytes(2986),
}


@pytest.mark.parametrize("name", sorted(POLYGLOTS))
def test_media_that_only_starts_right_is_refused(client, db, candidate_block, name):
    page = _upload(client, candidate_block, POLYGLOTS[name], name, "audio").get_data(as_text=True)
    assert _stored(db) is None
    assert "n’a pas pu être lu" in page or "could not be read" in page


@pytest.mark.parametrize("data, name, kind, mime", [
    (media.mp3_audio(), "voix.mp3", "audio", "audio/mpeg"),
    (media.ogg_opus(), "voix.ogg", "audio", "audio/ogg"),
    (media.wav_audio(), "dictaphone.wav", "audio", "audio/wav"),
    (media.iso_media(b"M4A "), "voix.m4a", "audio", "audio/mp4"),
    (media.webm(video=False), "note.webm", "audio", "audio/webm"),
    (media.webm(video=True), "clip.webm", "video", "video/webm"),
    (media.iso_media(b"isom"), "clip.mp4", "video", "video/mp4"),
])
def test_real_sounds_and_videos_are_accepted_and_served_playable(client, db, candidate_block, data, name, kind,
                                                                  mime):
    _upload(client, candidate_block, data, name, kind)
    stored = _stored(db)
    assert stored is not None and stored.mime_type == mime
    served = client.get(f"/files/evidence/{db.session.scalar(select(Evidence.id))}")
    assert served.status_code == 200 and served.mimetype == mime


def test_a_recorded_video_over_its_cap_is_refused(app, client, db, candidate_block):
    app.config.update(UPLOAD_MAX_BYTES=2000, UPLOAD_MAX_VIDEO_BYTES=8000)
    page = _upload(client, candidate_block, media.webm(video=True, size=9000), "enregistrement.webm", "video")
    assert "trop lourd" in page.get_data(as_text=True)
    assert _stored(db) is None


# -- item 13: a file name with a line break --------------------------------------------------------
def _raw_multipart_upload(client, case_block, data: bytes, encoded_name: str):
    """A multipart body written by hand: the file name in RFC 2231 form (filename*=UTF-8''...),
    which Werkzeug percent-decodes, so it may carry any byte."""
    boundary = "----vae-boundary"
    fields = {"competence_id": str(case_block.block.competences[0].id), "kind": "document", "title": "",
              "body": ""}
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                 f"filename*=UTF-8''{encoded_name}\r\nContent-Type: application/pdf\r\n\r\n".encode()
                 + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return client.post(f"/blocks/{case_block.id}/evidence", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


@pytest.mark.parametrize("name", ["a%0D%0ASet-Cookie%3A%20x%3D1.pdf", "rapport%0A.pdf", "rap%0Dport.pdf",
                                  "%00.pdf"])
def test_a_file_name_with_control_characters_is_cleaned_and_the_file_still_served(client, db, candidate_block,
                                                                                 login_as, name):
    pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    _raw_multipart_upload(client, candidate_block, pdf, name)
    evidence = db.session.scalar(select(Evidence))
    assert evidence is not None
    assert not any(c in (evidence.original_filename or "") for c in "\r\n\x00")
    response = client.get(f"/files/evidence/{evidence.id}")
    assert response.status_code == 200 and response.data == pdf
    assert "Set-Cookie" not in response.headers


def test_a_file_stored_earlier_with_a_line_break_in_its_name_is_served(client, db, candidate_block):
    pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    _upload(client, candidate_block, pdf, "rapport.pdf", "document")
    evidence = db.session.scalar(select(Evidence))
    evidence.original_filename = "rapport\r\nX-Evil: 1.pdf"  # a row written before the fix
    db.session.commit()
    response = client.get(f"/files/evidence/{evidence.id}")
    assert response.status_code == 200 and "X-Evil" not in response.headers


# -- item 21: stale temporary files ----------------------------------------------------------------
def test_stale_temporary_files_are_removed_and_fresh_ones_kept(app):
    temp = Path(app.config["UPLOAD_DIR"]) / "tmp"
    temp.mkdir(parents=True, exist_ok=True)
    stale, fresh = temp / "upload-old", temp / "upload-new"
    stale.write_bytes(b"half a video")
    fresh.write_bytes(b"being received")
    two_days_ago = time.time() - 2 * 86400
    os.utime(stale, (two_days_ago, two_days_ago))
    assert remove_stale_temp_files() == 1
    assert not stale.exists() and fresh.exists()


def test_tick_cleans_the_temporary_uploads(app, runner):
    temp = Path(app.config["UPLOAD_DIR"]) / "tmp"
    temp.mkdir(parents=True, exist_ok=True)
    stale = temp / "upload-old"
    stale.write_bytes(b"half a video")
    os.utime(stale, (time.time() - 86400, time.time() - 86400))
    result = runner.invoke(args=["vae", "tick"])
    assert result.exit_code == 0, result.output
    assert not stale.exists()


def test_receive_refuses_directly_too(app):
    with pytest.raises(UploadRefused):
        receive(io.BytesIO(POLYGLOTS["id3-exe-html.mp3"]), "x.mp3")


def test_a_long_cd_quality_wav_is_kept_in_voice_quality(app, client, db, candidate_block):
    """44.1 kHz stereo is 5.5 times the size a voice needs: the kept file is mono 16 kHz, and a
    recording too large as sent but small enough once converted is accepted."""
    import wave as wave_module

    original = media.wav_audio(seconds=3.0, rate=44100, channels=2)
    app.config.update(UPLOAD_MAX_BYTES=len(original) // 2)
    _upload(client, candidate_block, original, "dictaphone.wav", "audio")
    stored = _stored(db)
    assert stored is not None and stored.mime_type == "audio/wav"
    with wave_module.open(str(path_of(stored)), "rb") as kept:
        assert (kept.getnchannels(), kept.getframerate(), kept.getsampwidth()) == (1, 16000, 2)
        assert abs(kept.getnframes() / kept.getframerate() - 3.0) < 0.05  # the same duration
    assert stored.size_bytes < len(original) / 5
