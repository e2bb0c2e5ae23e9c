"""A second, independent verifier, written from the specifications (run as a script).

    python spec_verifier.py STANDARD_CONTEXTS_DIR CREDENTIAL_URL_OR_FILE [...]

It imports nothing from the application: it fetches the credential, the issuer's
did:web document, every non-standard context and the status list over HTTP, as a
verifier in the wild does, and implements:
- JSON-LD 1.1 expansion in "safe mode" (pyld; any dropped term or relative IRI fails);
- RDFC-1.0 canonical N-Quads with pyld's own URDNA2015 (the app signs with pyoxigraph);
- vc-di-eddsa "eddsa-rdfc-2022" (hash of proof options ‖ hash of document, Ed25519 with
  `cryptography`), the key found in the DID document's assertionMethod, controlled by
  the issuer;
- VC 2.0 validity period, and the Bitstring Status List bit (signed list, same issuer).
Standard contexts (VC 2.0, OB 3.0.3, DID, Multikey) come from STANDARD_CONTEXTS_DIR
(a folder with index.json), as a verifier ships them. Prints one JSON line per
credential: {"verified", "revoked", "errors", "fetched"}.
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import json
import sys
import urllib.request
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

LOOPBACK = {"localhost", "127.0.0.1"}


class Failure(Exception):
    pass


class Verifier:
    def __init__(self, standard_dir: Path) -> None:
        index = json.loads((standard_dir / "index.json").read_text())
        self.standard = {url: json.loads((standard_dir / name).read_text()) for url, name in index.items()}
        self.fetched: list[str] = []

    # -- fetching ------------------------------------------------------------------
    def get_json(self, url: str, accept: str) -> dict:
        self.fetched.append(url)
        request = urllib.request.Request(url, headers={"Accept": accept})
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 (http(s) only)
            media_type = response.headers.get_content_type()
            if not (media_type == "application/json" or media_type.endswith("+json")):
                raise Failure(f"{url} is not JSON ({media_type})")
            return json.loads(response.read())

    def load(self, url: str, options=None) -> dict:
        """pyld document loader: standard contexts shipped, the rest over HTTP."""
        if url in self.standard:
            document = json.loads(json.dumps(self.standard[url]))
        elif url.startswith(("https://", "http://")):
            document = self.get_json(url, "application/ld+json, application/json")
        else:
            raise Failure(f"refusing to load {url}")
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": document}

    # -- JSON-LD ---------------------------------------------------------------------
    def canonical(self, document: dict) -> str:
        dropped: list[str] = []
        options = {"documentLoader": self.load, "base": None}
        expanded = jsonld.expand(document, options, on_property_dropped=lambda p: dropped.append(str(p)))
        relative = _relative_iris(expanded)
        if dropped or relative:
            raise Failure(f"safe mode: undefined terms {sorted(set(dropped + relative))}")
        return jsonld.normalize(expanded, {**options, "algorithm": "URDNA2015",
                                           "format": "application/n-quads"})

    # -- keys ----------------------------------------------------------------------
    def public_key(self, method_id: str, issuer: str) -> Ed25519PublicKey:
        did = method_id.split("#", 1)[0]
        if did != issuer:
            raise Failure(f"key {method_id} is not the issuer's ({issuer})")
        if not did.startswith("did:web:"):
            raise Failure(f"unsupported DID method: {did}")
        host, *path = [unquote(part) for part in did[len("did:web:"):].split(":")]
        scheme = "http" if host.split(":")[0] in LOOPBACK else "https"
        url = f"{scheme}://{host}/{'/'.join(path) if path else '.well-known'}/did.json"
        document = self.get_json(url, "application/did+json, application/json")
        if document.get("id") != did:
            raise Failure(f"DID document at {url} names {document.get('id')}")
        methods = {m.get("id"): m for m in document.get("verificationMethod", [])}
        allowed = {m if isinstance(m, str) else m.get("id") for m in document.get("assertionMethod", [])}
        method = methods.get(method_id)
        if method is None or method_id not in allowed or method.get("controller") != did:
            raise Failure(f"{method_id} is not an assertion method of {did}")
        raw = base58.b58decode(method["publicKeyMultibase"][1:])
        if not method["publicKeyMultibase"].startswith("z") or raw[:2] != b"\xed\x01" or len(raw) != 34:
            raise Failure("publicKeyMultibase is not an Ed25519 Multikey")
        return Ed25519PublicKey.from_public_bytes(raw[2:])

    # -- proofs ----------------------------------------------------------------------
    def check_proof(self, document: dict) -> None:
        proof = document.get("proof")
        if not isinstance(proof, dict) or proof.get("type") != "DataIntegrityProof" \
                or proof.get("cryptosuite") != "eddsa-rdfc-2022" or proof.get("proofPurpose") != "assertionMethod":
            raise Failure("expected one eddsa-rdfc-2022 DataIntegrityProof for assertionMethod")
        issuer = document.get("issuer")
        issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
        key = self.public_key(proof["verificationMethod"], issuer)
        unsecured = {k: v for k, v in document.items() if k != "proof"}
        options = {k: v for k, v in proof.items() if k != "proofValue"}
        options["@context"] = unsecured["@context"]
        signed = (hashlib.sha256(self.canonical(options).encode()).digest()
                  + hashlib.sha256(self.canonical(unsecured).encode()).digest())
        try:
            key.verify(base58.b58decode(proof["proofValue"][1:]), signed)
        except (InvalidSignature, ValueError) as error:
            raise Failure("signature does not match") from error

    def check_validity(self, document: dict) -> None:
        now = datetime.now(timezone.utc)
        for field, late in (("validFrom", False), ("validUntil", True)):
            if field in document:
                moment = datetime.fromisoformat(document[field].replace("Z", "+00:00"))
                if (now > moment) if late else (now < moment):
                    raise Failure(f"outside its validity period ({field} {document[field]})")

    def revoked(self, credential: dict) -> bool | None:
        status = credential.get("credentialStatus")
        if status is None:
            return None
        if status.get("type") != "BitstringStatusListEntry" or status.get("statusPurpose") != "revocation":
            raise Failure("unsupported credentialStatus")
        listing = self.get_json(status["statusListCredential"], "application/vc+ld+json, application/json")
        self.check_proof(listing)
        issuer = credential["issuer"]["id"] if isinstance(credential["issuer"], dict) else credential["issuer"]
        if listing.get("issuer") != issuer:
            raise Failure("status list issued by someone else")
        encoded = listing["credentialSubject"]["encodedList"]
        bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
        index = int(status["statusListIndex"])
        return bool(bits[index // 8] & (0x80 >> (index % 8)))

    def verify(self, source: str) -> dict:
        self.fetched = []
        errors: list[str] = []
        revoked = None
        try:
            if source.startswith(("http://", "https://")):
                credential = self.get_json(source, "application/vc+ld+json")
            else:
                credential = json.loads(Path(source).read_text() if source != "-" else sys.stdin.read())
            if credential.get("@context", [None])[0] != "https://www.w3.org/ns/credentials/v2":
                raise Failure("not a VC 2.0 credential")
            self.check_proof(credential)
            self.check_validity(credential)
            revoked = self.revoked(credential)
        except Exception as error:  # every failure is a verification result, not a crash
            errors.append(f"{type(error).__name__}: {error}")
        return {"source": source, "verified": not errors, "revoked": revoked, "errors": errors,
                "fetched": sorted(set(self.fetched))}


def _relative_iris(node, found=None) -> list[str]:
    """Values RDF conversion would drop silently: relative @id / @type (not blank nodes)."""
    found = [] if found is None else found
    absolute = lambda iri: iri.startswith("_:") or (":" in iri and not iri.startswith(":"))  # noqa: E731
    if isinstance(node, list):
        for item in node:
            _relative_iris(item, found)
    elif isinstance(node, dict):
        if "@value" in node:
            return found
        if isinstance(node.get("@id"), str) and not absolute(node["@id"]):
            found.append(node["@id"])
        found.extend(t for t in node.get("@type", []) if not absolute(t))
        for key, value in node.items():
            if key not in ("@id", "@type"):
                _relative_iris(value, found)
    return found


def main(argv: list[str]) -> int:
    verifier = Verifier(Path(argv[0]))
    ok = True
    for source in argv[1:]:
        result = verifier.verify(source)
        ok = ok and result["verified"]
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
