"""Where a `next` parameter may send a person: only a path of this site.

Browsers drop tabs and line breaks inside a URL and read `\\` as `/`, so `/\\t/evil.example`
or `/\\evil.example` become `//evil.example`, another site. A target with any of these
characters, a scheme or a host is refused rather than cleaned.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

UNSAFE = re.compile(r"[\x00-\x20\x7f\\\x85\u2028\u2029]")


def safe_local_path(target: str | None) -> str | None:
    """The target if it is a path on this site, else None."""
    if not target or len(target) > 2000 or UNSAFE.search(target):
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
