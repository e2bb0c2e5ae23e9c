import struct
import urllib.error
import urllib.request

import pytest

from tests.support.browser import serve_app, trickled
from tests.support.ci import require_or_skip

PAGE = b"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Essai</title></head>
<body><h1>Validation des acquis</h1><p id="js">sans JavaScript</p>
<script>document.getElementById("js").textContent = "JavaScript actif";</script>
</body></html>"""


def tiny_app(environ, start_response):
    if environ["PATH_INFO"] != "/":
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [PAGE]


def test_serve_app_serves_then_stops():
    url, shutdown = serve_app(tiny_app)
    assert url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(url + "/", timeout=10) as response:
        assert b"Validation des acquis" in response.read()
    shutdown()
    shutdown()  # idempotent
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "/", timeout=5)


def test_a_trickled_response_arrives_whole_in_pieces_and_is_closed():
    closed = []

    class Body(list):
        def close(self):
            closed.append(True)

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        return Body([bytes(range(256)) * 10, b"", b"end"])  # 2,560 bytes: three pieces, then 3

    pieces = list(trickled(app)({}, lambda status, headers: None))
    assert [len(p) for p in pieces] == [1024, 1024, 512, 3]
    assert b"".join(pieces) == bytes(range(256)) * 10 + b"end" and closed == [True]
    with serve_app(trickled(app)) as served, urllib.request.urlopen(served.url + "/", timeout=10) as response:
        assert response.read() == bytes(range(256)) * 10 + b"end"


def test_chromium_reads_the_page_and_takes_a_screenshot(browser, tmp_path):
    with serve_app(tiny_app) as served:
        page = browser.new_page(viewport={"width": 800, "height": 600})
        try:
            page.goto(served.url + "/")
            assert page.title() == "Essai"
            assert page.inner_text("h1") == "Validation des acquis"
            assert page.inner_text("#js") == "JavaScript actif"
            shot = tmp_path / "page.png"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            page.close()
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # IHDR
    assert width == 800 and height >= 1


def test_require_or_skip_skips_locally_and_fails_on_ci(monkeypatch):
    require_or_skip("Nothing", None)  # requirement met: no effect
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium unavailable: absent"):
        require_or_skip("Chromium", "absent")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="required on CI"):
        require_or_skip("Chromium", "absent")
