import stat

import base58
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from vae.certification.vc import keys


def test_multikey_matches_the_vc_di_eddsa_spec_test_vector():
    # Key pair from W3C vc-di-eddsa, "Representation: eddsa-rdfc-2022" test vectors.
    secret = base58.b58decode("3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq")
    assert secret[:2] == b"\x80\x26"  # multicodec ed25519-priv
    private = Ed25519PrivateKey.from_private_bytes(secret[2:])
    assert keys.multikey_public(private.public_key()) == (
        "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    )


def test_multikey_round_trip_and_prefix():
    public = keys.generate_private_key().public_key()
    encoded = keys.multikey_public(public)
    assert encoded.startswith("z6Mk")
    assert base58.b58decode(encoded[1:])[:2] == b"\xed\x01"
    assert keys.raw_public_bytes(keys.public_key_from_multikey(encoded)) == keys.raw_public_bytes(public)


def test_private_key_pem_is_owner_only_and_loads_back(tmp_path):
    key = keys.generate_private_key()
    path = tmp_path / "key-2025.pem"
    keys.save_private_key(key, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = keys.load_private_key(path)
    assert keys.multikey_public(loaded.public_key()) == keys.multikey_public(key.public_key())


def test_existing_key_file_is_not_overwritten_by_accident(tmp_path):
    path = tmp_path / "key.pem"
    keys.save_private_key(keys.generate_private_key(), path)
    with pytest.raises(FileExistsError):
        keys.save_private_key(keys.generate_private_key(), path)
    keys.save_private_key(keys.generate_private_key(), path, overwrite=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_key_ring_from_directory_keeps_retired_public_keys(tmp_path):
    did = "did:web:example.org"
    old, current = keys.generate_private_key(), keys.generate_private_key()
    keys.save_public_key(old.public_key(), tmp_path / "key-2024.pub.pem")
    keys.save_private_key(current, tmp_path / "key-2025.pem")
    ring = keys.load_key_ring(did, tmp_path, current="key-2025")
    assert ring.current_method_id == "did:web:example.org#key-2025"
    assert [k.name for k in ring.retired] == ["key-2024"]
    assert ring.resolve("did:web:example.org#key-2024") is not None
    assert ring.resolve("did:web:example.org#nope") is None


def test_rotation_retires_the_old_key():
    first = keys.IssuerKey.from_private("k1", keys.generate_private_key())
    ring = keys.KeyRing("did:web:example.org", first)
    rotated = ring.rotate(keys.IssuerKey.from_private("k2", keys.generate_private_key()))
    assert rotated.current.name == "k2"
    assert [k.name for k in rotated.retired] == ["k1"]


def test_current_key_must_be_able_to_sign():
    public_only = keys.IssuerKey("k1", keys.generate_private_key().public_key())
    with pytest.raises(ValueError):
        keys.KeyRing("did:web:example.org", public_only)
