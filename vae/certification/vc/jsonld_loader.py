"""Offline JSON-LD document loader.

Signing and verifying must never touch the network: a context fetched at run time
could change under us (the OB 3.0.3 file was edited upstream) and would change the
canonical bytes that were signed. So every context lives in ``contexts/`` and this
loader serves those files by URL and refuses every other URL.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

CONTEXTS_DIR = Path(__file__).with_name("contexts")

VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DID_V1_CONTEXT = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1_CONTEXT = "https://w3id.org/security/multikey/v1"
# Our own terms for EU micro-credential elements OB3 lacks (see contexts/README.md).
VAE_CONTEXT = "https://vae.example/ns/vae-v1.jsonld"


class OfflineDocumentError(LookupError):
    """Raised for any URL that is not one of the shipped documents."""


@cache
def _index() -> dict[str, str]:
    # index.json is shared with the Node verifier, so both sides agree on the map.
    with (CONTEXTS_DIR / "index.json").open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def _load(url: str) -> dict[str, Any]:
    filename = _index().get(url)
    if filename is None:
        raise OfflineDocumentError(f"JSON-LD document not shipped, refusing to fetch: {url}")
    with (CONTEXTS_DIR / filename).open(encoding="utf-8") as handle:
        return json.load(handle)


def shipped_urls() -> list[str]:
    return sorted(_index())


def load_context(url: str) -> dict[str, Any]:
    """Return a private copy of a shipped context document (callers may mutate it)."""
    return copy.deepcopy(_load(url))


def offline_document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld ``documentLoader``: shipped files only, exact URL match, never the network."""
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": load_context(url),
    }
