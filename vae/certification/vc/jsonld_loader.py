"""Offline JSON-LD document loader.

Signing and verifying never touch the network: a context fetched at run time could
change under us (the OB 3.0.3 file was edited upstream) and would change the canonical
bytes that were signed. Standard contexts ship in ``contexts/`` (``index.json`` maps URL
to file). The project context is **published by the deployment** at a URL derived from
its public base URL (``project_context_url``): a verifier in the wild fetches it there,
while we serve and sign with the same bytes from ``contexts/vae-v1.template.jsonld``.

Documents are returned with ``tag: static`` so that pyld processes each context once
per process instead of on every call.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

CONTEXTS_DIR = Path(__file__).with_name("contexts")

VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DID_V1_CONTEXT = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1_CONTEXT = "https://w3id.org/security/multikey/v1"

# A changed project context gets a new file and a new version in its URL; published
# versions stay served unchanged (credentials name them for ever).
PROJECT_CONTEXT_VERSIONS = {"v1": "vae-v1.template.jsonld"}
PROJECT_CONTEXT_VERSION = "v1"


class OfflineDocumentError(LookupError):
    """Raised for any URL that is neither shipped nor a registered project context."""


@cache
def _index() -> dict[str, str]:
    # index.json is shared with the Node verifier, so both sides agree on the map.
    with (CONTEXTS_DIR / "index.json").open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def _load_file(filename: str) -> str:
    return (CONTEXTS_DIR / filename).read_text(encoding="utf-8")


def project_context_url(context_base_url: str, version: str = PROJECT_CONTEXT_VERSION) -> str:
    """``<base>/vae-v1.jsonld``: the base is CONTEXT_BASE_URL, or PUBLIC_BASE_URL + '/ns'."""
    if version not in PROJECT_CONTEXT_VERSIONS:
        raise KeyError(f"unknown project context version {version}")
    return f"{context_base_url.rstrip('/')}/vae-{version}.jsonld"


def project_vocabulary(context_url: str) -> str:
    """Term IRIs of a project context: ``<context base>/vae#<term>`` (stable, never fetched)."""
    return context_url.rsplit("/", 1)[0] + "/vae#"


# URL -> (version) of every project context this process signs or verifies with.
_project_contexts: dict[str, str] = {}


def register_project_context(context_base_url: str) -> str:
    """Make every version published under this base loadable; returns the current URL.

    Only registered bases are trusted: a credential naming a project context at some
    other address fails to verify here instead of being read with our terms.
    """
    for version in PROJECT_CONTEXT_VERSIONS:
        _project_contexts[project_context_url(context_base_url, version)] = version
    return project_context_url(context_base_url)


def project_context_document(url: str) -> dict[str, Any]:
    version = _project_contexts.get(url)
    if version is None:
        raise OfflineDocumentError(f"not a registered project context: {url}")
    text = _load_file(PROJECT_CONTEXT_VERSIONS[version])
    return json.loads(text.replace("{VOCABULARY}", project_vocabulary(url)))


def project_context_bytes(context_base_url: str, version: str) -> bytes:
    """The exact bytes served at ``project_context_url(base, version)``."""
    url = project_context_url(context_base_url, version)
    document = json.loads(_load_file(PROJECT_CONTEXT_VERSIONS[version])
                          .replace("{VOCABULARY}", project_vocabulary(url)))
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def shipped_urls() -> list[str]:
    return sorted(_index())


def is_loadable(url: str) -> bool:
    """Shipped or registered: the only contexts any credential (ours or another issuer's)
    is read with. Nothing is ever fetched, so a context cannot change under a signature."""
    return url in _index() or url in _project_contexts


def load_context(url: str) -> dict[str, Any]:
    """Return a private copy of a shipped or registered context (callers may mutate it)."""
    filename = _index().get(url)
    if filename is not None:
        return json.loads(_load_file(filename))
    if url in _project_contexts:
        return project_context_document(url)
    raise OfflineDocumentError(f"JSON-LD document not shipped, refusing to fetch: {url}")


def offline_document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld ``documentLoader``: shipped files and registered project contexts, exact URL
    match, never the network. ``tag: static`` lets pyld cache the processed context."""
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": load_context(url),
        "tag": "static",
    }
