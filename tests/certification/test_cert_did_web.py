import pytest

from vae.certification.vc import did_web, keys


def test_port_colon_is_percent_encoded():
    assert did_web.did_from_url("https://Example.org:8443/some/page") == "did:web:example.org%3A8443"


def test_plain_host_and_path_form():
    assert did_web.did_from_url("https://example.org/") == "did:web:example.org"
    assert did_web.did_from_url("https://example.org:8443/u/alice", include_path=True) == (
        "did:web:example.org%3A8443:u:alice"
    )


def test_non_https_is_refused_except_localhost():
    with pytest.raises(ValueError):
        did_web.did_from_url("http://example.org/")
    assert did_web.did_from_url("http://localhost:5000/") == "did:web:localhost%3A5000"


def test_document_url():
    assert did_web.did_document_url("did:web:example.org%3A8443") == (
        "https://example.org:8443/.well-known/did.json"
    )
    assert did_web.did_document_url("did:web:example.org:u:alice") == (
        "https://example.org/u/alice/did.json"
    )


def test_did_document_lists_current_and_retired_keys():
    did = "did:web:example.org%3A8443"
    ring = keys.KeyRing(
        did,
        keys.IssuerKey.from_private("key-2025", keys.generate_private_key()),
        (keys.IssuerKey.from_private("key-2024", keys.generate_private_key()),),
    )
    document = did_web.did_document(did, list(ring.keys))
    assert document["@context"] == [
        "https://www.w3.org/ns/did/v1",
        "https://w3id.org/security/multikey/v1",
    ]
    assert document["id"] == did
    ids = [m["id"] for m in document["verificationMethod"]]
    assert ids == [f"{did}#key-2025", f"{did}#key-2024"]
    assert document["assertionMethod"] == ids
    for method in document["verificationMethod"]:
        assert method["type"] == "Multikey"
        assert method["controller"] == did  # exactly, %3A included
        assert method["publicKeyMultibase"].startswith("z6Mk")


def test_key_resolver_trusts_only_assertion_methods_of_the_document():
    did = "did:web:example.org"
    key = keys.IssuerKey.from_private("k1", keys.generate_private_key())
    document = did_web.did_document(did, [key])
    resolve = did_web.key_resolver(document)
    assert resolve(f"{did}#k1") is not None
    assert resolve(f"{did}#k2") is None
    document["assertionMethod"] = []
    assert did_web.key_resolver(document)(f"{did}#k1") is None


def test_did_document_is_clean_json_ld():
    from vae.certification.vc.data_integrity import find_undefined_terms

    did = "did:web:example.org%3A8443"
    document = did_web.did_document(did, [keys.IssuerKey.from_private("k1", keys.generate_private_key())])
    assert find_undefined_terms(document) == []
