"""Checking an Open Badges 3.0 credential that another certifier issued, as a verifier in the
wild does: the issuer's did:web document and its status list are fetched over HTTP (https,
or http on the loopback for a certifier on the same machine); the proof is checked with our
own DB-free code (`vae.certification.vc`). JSON-LD contexts are never fetched: the machine
has no internet and a context could change under a signature, so a credential naming one
we do not ship (`vae/certification/vc/contexts/index.json`) is refused with that reason.

The result is a plain dict kept on the claim and shown to the certifier:
{"ok", "reason", "signature", "issuer", "issuer_name", "status", "achievement", "checked_at"}.
"""
from __future__ import annotations

import json
import urllib.request
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from vae.certification.vc import data_integrity, status_list
from vae.certification.vc.did_web import did_document_url, key_resolver
from vae.certification.vc.jsonld_loader import is_loadable
from vae.core.clock import now

LOOPBACK = {"localhost", "127.0.0.1"}
MAX_BYTES = 2 * 1024 * 1024
TIMEOUT_SECONDS = 10
OB3_TYPES = {"OpenBadgeCredential", "AchievementCredential"}


class CheckFailed(Exception):
    """One check did not pass; the message is shown to the certifier."""


def _url_allowed(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return url
    raise CheckFailed(f"refusing to fetch {url} (https only)")


def fetch_json(url: str) -> dict[str, Any]:
    request = urllib.request.Request(_url_allowed(url), headers={
        "Accept": "application/ld+json, application/vc+ld+json, application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (checked above)
            body = response.read(MAX_BYTES + 1)
    except OSError as error:
        raise CheckFailed(f"could not fetch {url}: {error}") from error
    if len(body) > MAX_BYTES:
        raise CheckFailed(f"{url} is too large")
    try:
        document = json.loads(body)
    except ValueError as error:
        raise CheckFailed(f"{url} is not JSON") from error
    if not isinstance(document, dict):
        raise CheckFailed(f"{url} is not a JSON object")
    return document


def _did_document(did: str) -> dict[str, Any]:
    url = did_document_url(did)
    host = urlsplit(url).hostname
    if host in LOOPBACK:  # a certifier on this machine (tests, a local demo) serves plain HTTP
        url = "http://" + url[len("https://"):]
    document = fetch_json(url)
    if document.get("id") != did:
        raise CheckFailed(f"the DID document at {url} is not {did}'s")
    return document


def _offline_context_refused(url: str) -> CheckFailed:
    return CheckFailed(f"context {url} is not one we can verify offline")


def _require_shipped_contexts(document: dict[str, Any]) -> None:
    contexts = document.get("@context")
    for url in contexts if isinstance(contexts, list) else [contexts]:
        if isinstance(url, str) and not is_loadable(url):
            raise _offline_context_refused(url)


def _issuer(credential: dict[str, Any]) -> tuple[str, str]:
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        return str(issuer.get("id") or ""), str(issuer.get("name") or "")
    return str(issuer or ""), ""


def _check_signature(document: dict[str, Any], did_document: dict[str, Any]) -> None:
    _require_shipped_contexts(document)
    result = data_integrity.verify(document, key_resolver(did_document))
    if not result.ok:
        raise CheckFailed(f"signature: {result.reason}")


def _check_validity(credential: dict[str, Any]) -> None:
    """VC 2.0 validity period: a credential whose validUntil has passed no longer proves anything."""
    until = credential.get("validUntil")
    if isinstance(until, str):
        try:
            moment = datetime.fromisoformat(until.replace("Z", "+00:00"))
        except ValueError as error:
            raise CheckFailed("validity: validUntil is not a date") from error
        if moment.tzinfo is not None and moment <= now():
            raise CheckFailed(f"validity: expired on {until}")


def _status(credential: dict[str, Any], did: str, did_document: dict[str, Any]) -> str:
    entry = credential.get("credentialStatus")
    if entry is None:
        return "none"
    if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
        raise CheckFailed("status: not a Bitstring Status List entry")
    listing = fetch_json(str(entry.get("statusListCredential") or ""))
    if _issuer(listing)[0] != did:
        raise CheckFailed("status: the list is issued by someone else")
    if "proof" in listing:
        _check_signature(listing, did_document)
    try:
        bits = status_list.StatusList.decode(listing["credentialSubject"]["encodedList"])
        revoked = bits.get(int(entry["statusListIndex"]))
    except (KeyError, TypeError, ValueError, IndexError) as error:
        raise CheckFailed(f"status: unreadable list ({error})") from error
    if revoked:
        raise CheckFailed("status: the issuer has revoked this credential")
    return "active"


def _achievement_name(credential: dict[str, Any]) -> str:
    subject = credential.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    name = achievement.get("name") if isinstance(achievement, dict) else None
    if isinstance(name, dict):  # a language map
        name = next(iter(name.values()), "")
    return str(name or "")


def verify_credential(text: str) -> dict[str, Any]:
    """Every check on a declared credential; never raises for a bad document."""
    result: dict[str, Any] = {"ok": False, "reason": None, "signature": None, "issuer": None,
                              "issuer_name": None, "status": None, "achievement": None,
                              "checked_at": now().isoformat()}
    try:
        credential = json.loads(text)
    except ValueError:
        result["reason"] = "not JSON"
        return result
    if not isinstance(credential, dict):
        result["reason"] = "not a JSON object"
        return result
    types = credential.get("type")
    types = set(types) if isinstance(types, list) else {types}
    if not types & OB3_TYPES:
        result["reason"] = "not an Open Badges 3.0 credential"
        return result
    did, name = _issuer(credential)
    result.update(issuer=did, issuer_name=name, achievement=_achievement_name(credential))
    try:
        if not did.startswith("did:web:"):
            raise CheckFailed("issuer: only did:web issuers can be resolved")
        did_document = _did_document(did)
        _check_signature(credential, did_document)
        result["signature"] = "valid"
        _check_validity(credential)
        result["status"] = _status(credential, did, did_document)
    except CheckFailed as failed:
        result["reason"] = str(failed)
        if result["signature"] is None and str(failed).startswith("signature"):
            result["signature"] = "invalid"
        return result
    except Exception as error:  # malformed document: the certifier reads why, nothing breaks
        result["reason"] = f"{type(error).__name__}: {error}"
        return result
    result["ok"] = True
    return result
