"""What the outside-credential check says of documents that are not worth fetching anything for,
and the addresses it refuses to fetch (https only; plain http on the loopback alone)."""
from __future__ import annotations

import json

import pytest

from vae.sources.verify import CheckFailed, fetch_json, verify_credential


@pytest.mark.parametrize("text, reason", [
    ("pas du JSON", "not JSON"),
    ("[1, 2]", "not a JSON object"),
    (json.dumps({"type": ["VerifiableCredential"], "issuer": "did:web:example.org"}),
     "not an Open Badges 3.0 credential"),
    (json.dumps({"type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": {"id": "did:key:z6Mk"}}),
     "issuer: only did:web issuers can be resolved"),
])
def test_a_document_that_cannot_be_an_ob3_credential_is_not_verified(app, text, reason):
    with app.app_context():
        result = verify_credential(text)
    assert (result["ok"], result["reason"]) == (False, reason)


@pytest.mark.parametrize("url", ["http://example.org/.well-known/did.json", "file:///etc/passwd",
                                 "ftp://127.0.0.1/x", "gopher://localhost/"])
def test_only_https_or_loopback_http_is_fetched(url):
    with pytest.raises(CheckFailed, match="refusing to fetch"):
        fetch_json(url)
