import base64
import gzip

from tests.certification import certification_samples as samples
import pytest

from vae.certification.vc import data_integrity, status_list


def test_bit_order_known_answer():
    bits = status_list.StatusList()
    assert bits.size == 131_072
    bits.set(0)
    bits.set(131_071)
    bits.set(9)
    raw = bits.to_bytes()
    assert len(raw) == 16_384
    assert raw[0] == 0x80  # bit 0 is the most significant bit of byte 0
    assert raw[1] == 0x40  # bit 9 = byte 1, second bit
    assert raw[-1] == 0x01  # last bit is the least significant bit of the last byte
    assert sum(raw[2:-1]) == 0


def test_encoding_known_answer():
    bits = status_list.StatusList()
    bits.set(0)
    bits.set(131_071)
    encoded = bits.encode()
    assert encoded.startswith("u")
    assert "=" not in encoded and "+" not in encoded and "/" not in encoded
    # Decode independently of the module: multibase 'u' = base64url without padding.
    body = encoded[1:]
    raw = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    assert raw == b"\x80" + b"\x00" * 16_382 + b"\x01"
    assert status_list.StatusList.decode(encoded).to_bytes() == raw


def test_encoding_is_deterministic():
    assert status_list.StatusList().encode() == status_list.StatusList().encode()


def test_set_get_clear_and_bounds():
    bits = status_list.StatusList()
    bits.set(42)
    assert bits.get(42) and not bits.get(41) and not bits.get(43)
    bits.set(42, False)
    assert not bits.get(42)
    with pytest.raises(IndexError):
        bits.get(131_072)
    with pytest.raises(ValueError):
        status_list.StatusList(1024)


def test_entry_uses_a_string_index():
    entry = status_list.status_entry(samples.LIST_URL, 94567)
    assert entry == {
        "id": f"{samples.LIST_URL}#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": samples.LIST_URL,
    }


def test_status_list_credential_signs_and_verifies():
    ring = samples.key_ring()
    bits = status_list.StatusList()
    bits.set(7)
    unsigned = status_list.status_list_credential(samples.LIST_URL, samples.DID, bits, samples.ISSUED_AT)
    assert unsigned["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert unsigned["credentialSubject"]["type"] == "BitstringStatusList"
    signed = data_integrity.sign(unsigned, ring.signing_key, ring.current_method_id, samples.ISSUED_AT)
    assert data_integrity.verify(signed, ring.resolve).ok
    decoded = status_list.StatusList.decode(signed["credentialSubject"]["encodedList"])
    assert decoded.get(7) and not decoded.get(8)
