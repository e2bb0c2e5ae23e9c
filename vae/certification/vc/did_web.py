"""did:web identifiers and the DID document served at ``/.well-known/did.json``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .jsonld_loader import DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT
from .keys import IssuerKey, multikey_public, public_key_from_multikey


def did_from_url(url: str, *, include_path: bool = False) -> str:
    """``https://host:port/x`` -> ``did:web:host%3Aport``.

    The port's colon must be percent-encoded (did:web spec), and verifiers compare
    the proof key's controller to ``issuer.id`` character for character, so this is
    the only place the DID is spelled. By default only the host matters (the document
    lives at ``/.well-known/did.json``); ``include_path`` gives the path form
    (``did:web:host:x``, document at ``/x/did.json``).
    """
    parts = urlsplit(url)
    if parts.scheme != "https" and parts.hostname not in ("localhost", "127.0.0.1"):
        raise ValueError(f"did:web needs an https URL: {url}")
    if not parts.hostname:
        raise ValueError(f"no host in {url}")
    host = parts.hostname.lower()
    if parts.port is not None:
        host += "%3A" + str(parts.port)
    segments = [quote(s, safe="") for s in parts.path.split("/") if s] if include_path else []
    return ":".join(["did:web", host, *segments])


def did_document_url(did: str) -> str:
    """Where a did:web resolver fetches the document (for routes and docs)."""
    if not did.startswith("did:web:"):
        raise ValueError(f"not a did:web: {did}")
    host, *segments = did[len("did:web:") :].split(":")
    path = "/".join(unquote(s) for s in segments) if segments else ".well-known"
    return f"https://{unquote(host)}/{path}/did.json"


def verification_method(did: str, key: IssuerKey) -> dict[str, Any]:
    return {
        "id": key.method_id(did),
        "type": "Multikey",
        # Must equal issuer.id exactly: verifiers check the key belongs to the issuer.
        "controller": did,
        "publicKeyMultibase": multikey_public(key.public_key),
    }


def did_document(did: str, keys: list[IssuerKey]) -> dict[str, Any]:
    """All keys, current and retired, so credentials signed before a rotation verify."""
    methods = [verification_method(did, key) for key in keys]
    return {
        "@context": [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }


def key_resolver(document: dict[str, Any]) -> Callable[[str], Ed25519PublicKey | None]:
    """``resolve_key`` for ``data_integrity.verify`` that trusts only what a DID
    document publishes: the method must be listed in ``assertionMethod`` and be
    controlled by the document's own DID."""
    did = document.get("id")
    allowed = {
        m if isinstance(m, str) else m.get("id") for m in document.get("assertionMethod", [])
    }
    methods = {m.get("id"): m for m in document.get("verificationMethod", [])}

    def resolve(method_id: str) -> Ed25519PublicKey | None:
        method = methods.get(method_id)
        if method is None or method_id not in allowed or method.get("controller") != did:
            return None
        if method.get("type") != "Multikey":
            return None
        try:
            return public_key_from_multikey(method["publicKeyMultibase"])
        except (KeyError, ValueError):
            return None

    return resolve
