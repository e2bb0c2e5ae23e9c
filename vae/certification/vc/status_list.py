"""W3C Bitstring Status List: revocation bits published as a signed credential.

Bit ``i`` is ``0x80 >> (i % 8)`` of byte ``i // 8`` (most significant bit first);
``encodedList`` = 'u' + unpadded base64url(gzip(bytes)). The list has at least
131,072 entries so that one set bit does not single out a credential (herd privacy).
"""

from __future__ import annotations

import base64
import gzip
from datetime import datetime
from typing import Any

from .jsonld_loader import VC_V2_CONTEXT
from .xsd import xsd_datetime

MIN_BITS = 131_072
STATUS_PURPOSE = "revocation"


class StatusList:
    """A mutable bitstring; ``True`` at an index means the credential is revoked."""

    def __init__(self, size: int = MIN_BITS) -> None:
        if size < MIN_BITS or size % 8:
            raise ValueError(f"status list size must be a multiple of 8 and >= {MIN_BITS}")
        self._bytes = bytearray(size // 8)

    @property
    def size(self) -> int:
        return len(self._bytes) * 8

    def _locate(self, index: int) -> tuple[int, int]:
        if not 0 <= index < self.size:
            raise IndexError(f"status index {index} outside 0..{self.size - 1}")
        return index // 8, 0x80 >> (index % 8)

    def get(self, index: int) -> bool:
        byte, mask = self._locate(index)
        return bool(self._bytes[byte] & mask)

    def set(self, index: int, value: bool = True) -> None:
        byte, mask = self._locate(index)
        if value:
            self._bytes[byte] |= mask
        else:
            self._bytes[byte] &= ~mask & 0xFF

    def to_bytes(self) -> bytes:
        return bytes(self._bytes)

    @classmethod
    def from_bytes(cls, data: bytes) -> StatusList:
        status_list = cls(len(data) * 8)
        status_list._bytes[:] = data
        return status_list

    def encode(self) -> str:
        return encode(self._bytes)

    @classmethod
    def decode(cls, encoded: str) -> StatusList:
        return cls.from_bytes(decode(encoded))


def encode(bits: bytes | bytearray) -> str:
    # mtime=0 keeps the output deterministic, so an unchanged list re-encodes identically.
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("encodedList must be multibase base64url ('u' prefix)")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def status_list_credential(
    list_url: str, issuer_did: str, status_list: StatusList, valid_from: datetime
) -> dict[str, Any]:
    """Unsigned ``BitstringStatusListCredential`` to be served at ``list_url``."""
    return {
        "@context": [VC_V2_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did,
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": status_list.encode(),
        },
    }


def status_entry(list_url: str, index: int) -> dict[str, Any]:
    """``credentialStatus`` of one credential; the index is a string per the spec."""
    if index < 0:
        raise ValueError("status index must be >= 0")
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": STATUS_PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }

