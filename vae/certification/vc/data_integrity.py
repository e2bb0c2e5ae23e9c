"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite (W3C vc-di-eddsa).

Signed bytes = sha256(canonical proof options, with the document's ``@context``)
            || sha256(canonical document without ``proof``);
``proofValue`` = 'z' + base58btc(Ed25519 signature).
Canonical form: RDFC-1.0 N-Quads (``canonical.py``: byte-identical to pyld's ``URDNA2015``),
contexts loaded offline.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime
from typing import Any

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from . import canonical
from .xsd import xsd_datetime

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_PURPOSE = "assertionMethod"

ResolveKey = Callable[[str], Ed25519PublicKey | None]


class UndefinedTermsError(ValueError):
    """The document uses terms its contexts do not define.

    pyld silently drops them while canonicalizing, so they would be unsigned, and
    strict verifiers (JSON-LD safe mode) reject the credential.
    """

    def __init__(self, terms: list[str]) -> None:
        self.terms = terms
        super().__init__("JSON-LD terms not defined by the @context: " + ", ".join(terms))


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    reason: str | None = None


def _expand_checked(document: dict[str, Any]) -> tuple[list[Any], list[str]]:
    return canonical.expand(document)


def find_undefined_terms(document: dict[str, Any]) -> list[str]:
    """Terms and IRIs that would vanish from the canonical form; empty when safe."""
    return canonical.expand(document)[1]


@lru_cache(maxsize=256)
def _canonical_proof_config(config_json: str) -> str:
    # The same proof options recur for every credential of a batch (one created time,
    # one key): canonicalize them once. Keyed by the JSON text, so any change misses.
    return canonical.canonize(json.loads(config_json))


def _hash_data(
    context: Any, expanded_document: list[Any], proof_options: dict[str, Any]
) -> bytes:
    # The document is canonicalized from its expanded form: the check for dropped
    # terms already expanded it, and context processing is most of the time.
    config_nquads = _canonical_proof_config(json.dumps({"@context": context, **proof_options}, sort_keys=True))
    document_nquads = canonical.canonize_expanded(expanded_document)
    return (hashlib.sha256(config_nquads.encode("utf-8")).digest()
            + hashlib.sha256(document_nquads.encode("utf-8")).digest())


def sign(
    document: dict[str, Any],
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime,
) -> dict[str, Any]:
    """Return a copy of ``document`` with an ``eddsa-rdfc-2022`` proof.

    Raises :class:`UndefinedTermsError` before signing if any term would be dropped.
    """
    if "proof" in document:
        raise ValueError("document already has a proof")
    if "@context" not in document:
        raise ValueError("document has no @context")
    expanded, undefined = _expand_checked(document)
    if undefined:
        raise UndefinedTermsError(undefined)
    proof_options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": xsd_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": PROOF_PURPOSE,
    }
    signature = private_key.sign(_hash_data(document["@context"], expanded, proof_options))
    proof = {**proof_options, "proofValue": "z" + base58.b58encode(signature).decode("ascii")}
    return {**document, "proof": proof}


def _issuer_id(document: dict[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _check_proof_shape(proof: Any) -> str | None:
    if not isinstance(proof, dict):
        return "expected exactly one proof object"
    expected = {"type": PROOF_TYPE, "cryptosuite": CRYPTOSUITE, "proofPurpose": PROOF_PURPOSE}
    for field, value in expected.items():
        if proof.get(field) != value:
            return f"proof {field} must be {value!r}, got {proof.get(field)!r}"
    for field in ("verificationMethod", "proofValue", "created"):
        if not isinstance(proof.get(field), str):
            return f"proof {field} missing"
    try:
        created = datetime.fromisoformat(proof["created"].replace("Z", "+00:00"))
    except ValueError:
        return "proof created is not a dateTime"
    if created.tzinfo is None:
        return "proof created has no timezone"
    if not proof["proofValue"].startswith("z"):
        return "proofValue must be base58btc ('z' prefix)"
    return None


def verify(document: dict[str, Any], resolve_key: ResolveKey) -> VerifyResult:
    """Check the proof of a secured document; never raises for a bad document."""
    proof = document.get("proof")
    problem = _check_proof_shape(proof)
    if problem:
        return VerifyResult(False, problem)
    assert isinstance(proof, dict)
    method = proof["verificationMethod"]
    # The signing key must belong to the issuer, else any DID could sign for it.
    issuer = _issuer_id(document)
    if issuer is not None and method.split("#", 1)[0] != issuer:
        return VerifyResult(False, f"key {method} is not controlled by issuer {issuer}")
    public_key = resolve_key(method)
    if public_key is None:
        return VerifyResult(False, f"unknown verification method {method}")
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    proof_options = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in proof_options:
        # An embedded proof context must prefix the document's (vc-di-eddsa, Verify Proof).
        proof_context = proof_options.pop("@context")
        if isinstance(proof_context, str):
            proof_context = [proof_context]
        document_context = unsecured.get("@context")
        if isinstance(document_context, str):
            document_context = [document_context]
        if (
            not isinstance(document_context, list)
            or document_context[: len(proof_context)] != proof_context
        ):
            return VerifyResult(False, "proof @context does not match the document's")
        unsecured["@context"] = proof_context  # as the spec says, for the prefix case
    try:
        signature = base58.b58decode(proof["proofValue"][1:])
        # A tampered document may add terms that canonicalization would silently drop.
        expanded, undefined = _expand_checked(unsecured)
        if undefined:
            return VerifyResult(False, str(UndefinedTermsError(undefined)))
        public_key.verify(signature, _hash_data(unsecured["@context"], expanded, proof_options))
    except InvalidSignature:
        return VerifyResult(False, "signature does not match the document")
    except Exception as error:  # malformed JSON-LD, unknown context, bad base58...
        return VerifyResult(False, f"{type(error).__name__}: {error}")
    return VerifyResult(True)
