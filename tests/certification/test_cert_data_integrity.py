import copy
import hashlib
from datetime import datetime

import base58
from tests.certification import certification_samples as samples
import pytest
from pyld import jsonld

from vae.certification.vc import data_integrity, did_web, keys
from vae.certification.vc.jsonld_loader import OfflineDocumentError, offline_document_loader


def signed(ring, document=None):
    return data_integrity.sign(
        document or samples.credential(), ring.signing_key, ring.current_method_id, samples.ISSUED_AT
    )


def test_sign_then_verify():
    ring = samples.key_ring()
    credential = signed(ring)
    proof = credential["proof"]
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["created"] == "2025-06-30T14:30:00Z"
    assert proof["verificationMethod"] == f"{samples.DID}#key-2025"
    assert proof["proofValue"].startswith("z")
    assert len(base58.b58decode(proof["proofValue"][1:])) == 64
    assert data_integrity.verify(credential, ring.resolve) == data_integrity.VerifyResult(True)


def test_signed_bytes_follow_the_cryptosuite_definition():
    # Recompute hashData by hand: sha256(proof config with @context) || sha256(document).
    ring = samples.key_ring()
    credential = signed(ring)
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    options = {k: v for k, v in credential["proof"].items() if k != "proofValue"}
    canon = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": offline_document_loader,
        "base": None,
    }
    config_nquads = jsonld.normalize({"@context": unsecured["@context"], **options}, canon)
    document_nquads = jsonld.normalize(unsecured, canon)
    assert "<https://w3id.org/security#cryptosuite>" in config_nquads
    hash_data = (
        hashlib.sha256(config_nquads.encode()).digest()
        + hashlib.sha256(document_nquads.encode()).digest()
    )
    signature = base58.b58decode(credential["proof"]["proofValue"][1:])
    ring.current.public_key.verify(signature, hash_data)  # raises if not


def test_one_changed_character_fails():
    ring = samples.key_ring()
    credential = signed(ring)
    tampered = copy.deepcopy(credential)
    name = tampered["credentialSubject"]["identifier"][0]["identityHash"]
    tampered["credentialSubject"]["identifier"][0]["identityHash"] = name.replace("J", "K", 1)
    result = data_integrity.verify(tampered, ring.resolve)
    assert not result.ok
    assert result.reason == "signature does not match the document"


def test_changed_proof_option_fails():
    ring = samples.key_ring()
    credential = signed(ring)
    credential["proof"]["created"] = "2025-06-30T14:30:01Z"
    assert not data_integrity.verify(credential, ring.resolve).ok


def test_added_undefined_term_cannot_slip_past_verification():
    # pyld would drop it from the canonical form, so the signature alone still matches.
    ring = samples.key_ring()
    credential = signed(ring)
    credential["credentialSubject"]["grade"] = "A+"
    result = data_integrity.verify(credential, ring.resolve)
    assert not result.ok
    assert "grade" in result.reason


def test_retired_key_still_verifies_through_the_did_document():
    old_ring = samples.key_ring()
    credential = signed(old_ring)
    new_ring = old_ring.rotate(keys.IssuerKey.from_private("key-2026", keys.generate_private_key()))
    document = did_web.did_document(samples.DID, list(new_ring.keys))
    resolve = did_web.key_resolver(document)
    assert data_integrity.verify(credential, resolve).ok
    # ...and a key missing from the document does not.
    fresh = did_web.did_document(samples.DID, [new_ring.current])
    assert not data_integrity.verify(credential, did_web.key_resolver(fresh)).ok


def test_key_of_another_did_is_refused():
    ring = samples.key_ring()
    credential = data_integrity.sign(
        samples.credential(), ring.signing_key, "did:web:evil.example#key-2025", samples.ISSUED_AT
    )
    result = data_integrity.verify(credential, lambda _method: ring.current.public_key)
    assert not result.ok
    assert "not controlled by issuer" in result.reason


def test_undefined_term_is_refused_before_signing():
    document = samples.credential()
    document["credentialSubject"]["achievement"]["ectsCredits"] = 5
    document["credentialSubject"]["type"] = ["AchievementSubject", "Learner"]
    with pytest.raises(data_integrity.UndefinedTermsError) as error:
        signed(samples.key_ring(), document)
    assert error.value.terms == ["ectsCredits", "type Learner"]
    assert "ectsCredits" in str(error.value)


def test_relative_id_is_refused_before_signing():
    document = samples.credential()
    document["id"] = "c/123"
    with pytest.raises(data_integrity.UndefinedTermsError, match="@id c/123"):
        signed(samples.key_ring(), document)


def test_unknown_context_is_never_fetched():
    document = samples.credential()
    document["@context"].append("https://example.org/remote-context.jsonld")
    with pytest.raises(Exception) as error:
        signed(samples.key_ring(), document)
    chain = []
    cause = error.value
    while cause is not None:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    assert any(isinstance(c, OfflineDocumentError) for c in chain)


def test_naive_created_is_refused():
    ring = samples.key_ring()
    with pytest.raises(ValueError, match="timezone"):
        data_integrity.sign(samples.credential(), ring.signing_key, ring.current_method_id,
                            datetime(2025, 1, 1))


def test_verify_reports_malformed_proofs_without_raising():
    ring = samples.key_ring()
    credential = signed(ring)
    for field, value in [("cryptosuite", "ecdsa-rdfc-2019"), ("proofPurpose", "authentication"),
                         ("proofValue", "uABC"), ("created", "yesterday")]:
        broken = copy.deepcopy(credential)
        broken["proof"][field] = value
        assert not data_integrity.verify(broken, ring.resolve).ok
    assert data_integrity.verify(samples.credential(), ring.resolve).reason == (
        "expected exactly one proof object"
    )


def test_embedded_proof_context_must_prefix_the_document_context():
    ring = samples.key_ring()
    credential = signed(ring)
    credential["proof"]["@context"] = list(credential["@context"])
    assert data_integrity.verify(credential, ring.resolve).ok  # same context: same bytes
    credential["proof"]["@context"] = ["https://www.w3.org/ns/did/v1"]
    assert not data_integrity.verify(credential, ring.resolve).ok
