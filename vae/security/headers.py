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


EVERY_RESPONSE = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", PERMISSIONS_POLICY),
)


def apply_security_headers(response: Response) -> Response:
    """Each header unless the view set its own. One pass over the headers present: Werkzeug's
    `setdefault` raised and caught a KeyError per missing header, on every response."""
    headers = response.headers
    present = {name.lower() for name, _ in headers.items()}
    headers.extend([(name, value) for name, value in EVERY_RESPONSE if name.lower() not in present])
    # Only over HTTPS: a browser ignores it on plain HTTP, and a dev server must stay reachable.
    if request.is_secure and "strict-transport-security" not in present:
        headers.add("Strict-Transport-Security", HSTS)
    return response
