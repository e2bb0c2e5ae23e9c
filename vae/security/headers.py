"""Response headers that tell browsers to refuse injected script, framing and sniffing."""
from __future__ import annotations

from flask import Response, request

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    # blob: lets the candidate listen to (or watch) a recording before sending it.
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
# The site itself may ask for the microphone and camera (recording evidence); nothing framed may.
PERMISSIONS_POLICY = "camera=(self), microphone=(self), geolocation=()"
HSTS = "max-age=31536000; includeSubDomains"


def apply_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    # Only over HTTPS: a browser ignores it on plain HTTP, and a dev server must stay reachable.
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response
