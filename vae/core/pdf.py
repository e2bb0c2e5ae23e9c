"""PDF rendering with WeasyPrint, with no network access.

Only the application's own static files may be fetched (fonts, logos); any other
URL is refused, so a PDF never depends on, or leaks to, the outside world.
"""
from __future__ import annotations

import mimetypes
from pathlib import Path

from flask import current_app

STATIC_PREFIX = "static:"


class ForbiddenFetch(ValueError):
    pass


def _static_fetcher(static_dir: Path):
    root = static_dir.resolve()

    def fetch(url: str, *args, **kwargs):
        if url.startswith("data:"):
            from weasyprint.urls import default_url_fetcher

            return default_url_fetcher(url)
        if not url.startswith(STATIC_PREFIX):
            raise ForbiddenFetch(f"refused to fetch {url!r} while rendering a PDF")
        path = (root / url[len(STATIC_PREFIX):].lstrip("/")).resolve()
        if root not in path.parents or not path.is_file():
            raise ForbiddenFetch(f"no such static file {url!r}")
        return {"string": path.read_bytes(), "filename": path.name}

    return fetch


def _fetcher_for_weasyprint(static_dir: Path):
    """WeasyPrint >= 70 wants a `URLFetcher` returning `URLFetcherResponse`s; older ones a function."""
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # WeasyPrint < 70: the plain function is the fetcher
        return _static_fetcher(static_dir)
    root = static_dir.resolve()

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if not url.startswith(STATIC_PREFIX):
                raise ForbiddenFetch(f"refused to fetch {url!r} while rendering a PDF")
            path = (root / url[len(STATIC_PREFIX):].lstrip("/")).resolve()
            if root not in path.parents or not path.is_file():
                raise ForbiddenFetch(f"no such static file {url!r}")
            # Without a Content-Type WeasyPrint takes text/plain and ignores the stylesheet.
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": media_type})

    return StaticOnlyFetcher(allowed_protocols=("data", "static"))


def render_pdf(html: str) -> bytes:
    """Render HTML to PDF bytes; reference files as `static:css/pdf.css`."""
    from weasyprint import HTML

    fetcher = _fetcher_for_weasyprint(Path(current_app.static_folder))
    return HTML(string=html, base_url=STATIC_PREFIX, url_fetcher=fetcher).write_pdf()
