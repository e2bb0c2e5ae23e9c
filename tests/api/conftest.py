"""API test helpers: people with tokens, and a client that speaks JSON with a bearer token."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.security.conftest import limited_app  # noqa: F401  (rate limits on)
from vae.api.auth import SCOPES


@dataclass
class Api:
    """The test client, as a program holding `token` would call the API."""

    client: object
    token: str | None

    def headers(self, extra=None):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        headers.update(extra or {})
        return headers

    def get(self, path, **kw):
        return self.client.get("/api/v1" + path, headers=self.headers(kw.pop("headers", None)), **kw)

    def post(self, path, json=None, **kw):
        return self.client.post("/api/v1" + path, json=json if json is not None else {},
                                headers=self.headers(kw.pop("headers", None)), **kw)

    def ok(self, response, status=200):
        assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
        return response.get_json()


@pytest.fixture
def token_for(db):
    """A personal access token for a user (every scope unless told)."""
    from vae.api.auth import create_personal_token

    def make(user, scopes=tuple(SCOPES), **kw):
        _token, clear = create_personal_token(user, name="test", scopes=scopes, **kw)
        db.session.commit()
        return clear

    return make


@pytest.fixture
def api_as(client, token_for):
    def make(user, scopes=tuple(SCOPES)):
        return Api(client, token_for(user, scopes))

    return make
