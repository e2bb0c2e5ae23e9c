"""Items 23 and 24: the input guard runs before CSRF (invalid UTF-8 in a form post is refused, not stored)
and a huge form body is refused by its Content-Length, never read into memory."""
from __future__ import annotations

import re

import pytest


class CountingStream:
    """A request body of `size` bytes that counts what the server actually reads."""

    def __init__(self, size: int) -> None:
        self.size, self.read_bytes = size, 0

    def read(self, n: int = -1) -> bytes:
        left = self.size - self.read_bytes
        n = left if n is None or n < 0 else min(n, left)
        self.read_bytes += n
        return b"a" * n

    def readline(self, n: int = -1) -> bytes:
        return self.read(n)


@pytest.fixture
def csrf_client(app):
    app.config["WTF_CSRF_ENABLED"] = True
    return app.test_client()


def _token(client, path: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"',
                     client.get(path).get_data(as_text=True)).group(0).split('value="')[1].rstrip('"')


def _log_in(client, user):
    token = _token(client, "/auth/login")
    response = client.post("/auth/login", data={"email": user.email, "password": "correct horse battery",
                                                "csrf_token": token})
    assert response.status_code == 302


@pytest.mark.parametrize("raw", ["%FF%FE", "Ann%C3", "%ED%A0%80"])
def test_invalid_utf8_in_a_form_post_with_a_valid_csrf_token_is_refused(csrf_client, db, make_user, raw):
    user = make_user("candidate", first_name="Ann")
    _log_in(csrf_client, user)
    token = _token(csrf_client, "/profile")
    body = f"csrf_token={token}&first_name={raw}&last_name=Lee&phone=&locale=fr"
    response = csrf_client.post("/profile", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    db.session.refresh(user)
    assert user.first_name == "Ann"


def test_the_same_form_with_valid_text_is_saved(csrf_client, db, make_user):
    user = make_user("candidate", first_name="Ann")
    _log_in(csrf_client, user)
    token = _token(csrf_client, "/profile")
    body = f"csrf_token={token}&first_name=Ana%C3%AFs&last_name=Lee&phone=&locale=fr"
    assert csrf_client.post("/profile", data=body, content_type="application/x-www-form-urlencoded").status_code == 302
    db.session.refresh(user)
    assert user.first_name == "Anaïs"


def test_a_huge_form_body_is_refused_by_its_length_without_being_read(app, client):
    body = CountingStream(150 * 1024 * 1024)
    response = client.post("/auth/login", content_type="application/x-www-form-urlencoded",
                           environ_overrides={"wsgi.input": body, "CONTENT_LENGTH": str(body.size)})
    assert response.status_code == 413
    assert body.read_bytes < 64 * 1024


def test_a_form_body_without_a_length_stops_being_read_at_the_limit(app, client):
    app.config["MAX_FORM_BYTES"] = 100_000
    body = CountingStream(5 * 1024 * 1024)
    response = client.post("/auth/login", content_type="application/x-www-form-urlencoded",
                           environ_overrides={"wsgi.input": body, "wsgi.input_terminated": True,
                                              "CONTENT_LENGTH": "", "HTTP_TRANSFER_ENCODING": "chunked"})
    assert response.status_code == 413
    assert body.read_bytes <= 200_000


def test_a_normal_form_post_still_works(client, make_user):
    user = make_user("candidate")
    response = client.post("/auth/login", data={"email": user.email, "password": "correct horse battery"})
    assert response.status_code == 302
