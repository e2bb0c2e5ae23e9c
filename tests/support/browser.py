"""Drive the system Chromium with Playwright, against an app served on a local port.

``playwright install`` cannot download browsers here, so we use Debian's
``/usr/bin/chromium`` (or ``$CHROMIUM_PATH``).

    with serve_app(app) as served, chromium() as browser:
        page = browser.new_page()
        page.goto(served.url + "/login")
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator, NamedTuple

from werkzeug.serving import WSGIRequestHandler, make_server

from .ci import in_ci, require_or_skip  # noqa: F401  (re-exported for conftests)

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root, where Chromium's sandbox refuses to start
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str:
    """``$CHROMIUM_PATH``, else /usr/bin/chromium, else ``chromium`` on PATH."""
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    if os.path.exists(DEFAULT_CHROMIUM):
        return DEFAULT_CHROMIUM
    return shutil.which("chromium") or DEFAULT_CHROMIUM


def chromium_unavailable_reason() -> str | None:
    """Why browser tests cannot run here, or None if they probably can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"the playwright package is not installed ({exc})"
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        return f"no Chromium executable at {path} (apt-get install chromium, or set CHROMIUM_PATH)"
    return None


def launch_chromium(playwright, *, headless: bool = True, args: list[str] | None = None, **kwargs):
    """``playwright.chromium.launch`` with the system executable and our flags."""
    return playwright.chromium.launch(
        executable_path=chromium_path(),
        headless=headless,
        args=[*CHROMIUM_ARGS, *(args or [])],
        **kwargs,
    )


# Playwright's sync API runs one event loop per thread: a second `chromium()` while one is
# open (a session-wide fixture, say) reuses the running browser instead of failing.
_running: list = []


@contextmanager
def chromium(**kwargs) -> Iterator["playwright.sync_api.Browser"]:  # noqa: F821
    """Start Playwright and a headless Chromium (or reuse the one running); close what was started."""
    if _running:
        yield _running[-1]
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, **kwargs)
        _running.append(browser)
        try:
            yield browser
        finally:
            _running.pop()
            browser.close()


class _QuietRequestHandler(WSGIRequestHandler):
    """Keep one line per request out of test output; errors are still logged."""

    def log_request(self, code="-", size="-") -> None:
        pass


class ServedApp(NamedTuple):
    """Base URL (no trailing slash) and a function stopping the server. Unpacks as a pair."""

    url: str
    shutdown: Callable[[], None]

    def __enter__(self) -> "ServedApp":
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()


def trickled(app, piece: int = 1024, pause: float = 0.004):
    """The app as a weak phone connection delivers it (about 2 Mbit/s): every response body in
    1 KB pieces a few milliseconds apart, streamed responses still streamed.

    A journey that reads a page before the browser has all of it then fails every time, here,
    instead of once in a while on a loaded CI machine (as a candidate journey once did).
    """
    def app_over_a_weak_connection(environ, start_response):
        result = app(environ, start_response)
        try:
            for chunk in result:
                for start in range(0, len(chunk), piece):
                    time.sleep(pause)
                    yield chunk[start:start + piece]
        finally:
            if hasattr(result, "close"):
                result.close()

    return app_over_a_weak_connection


def serve_app(app, host: str = "127.0.0.1") -> ServedApp:
    """Serve a WSGI app from a background thread on a free port of ``host``.

    The server is threaded (one thread per request), like a browser expects: a page
    and its static files load in parallel. ``shutdown()`` is idempotent.
    """
    server = make_server(host, 0, app, threaded=True, request_handler=_QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, name=f"wsgi:{server.server_port}",
                              daemon=True)
    thread.start()
    lock = threading.Lock()
    stopped = False

    def shutdown() -> None:
        nonlocal stopped
        with lock:
            if stopped:
                return
            stopped = True
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)

    return ServedApp(f"http://{host}:{server.server_port}", shutdown)
