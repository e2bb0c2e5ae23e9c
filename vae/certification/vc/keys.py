"""Issuer signing keys: Ed25519, stored as PEM, published as Multikey.

A key ring holds the current key (signs new credentials) and retired keys (kept in
the DID document so that credentials they signed still verify after a rotation).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import base58
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

# Multicodec prefix of an Ed25519 public key (varint 0xed), see the Multikey spec.
_ED25519_PUB_MULTICODEC = b"\xed\x01"
PRIVATE_SUFFIX = ".pem"
PUBLIC_SUFFIX = ".pub.pem"


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def save_private_key(key: Ed25519PrivateKey, path: Path, *, overwrite: bool = False) -> None:
    """Write PKCS#8 PEM readable by the owner only.

    The file is created with mode 0600 from the start (not chmod-ed afterwards) so the
    key is never briefly world-readable. An existing file is refused unless
    ``overwrite``: replacing a signing key by accident orphans its credentials.
    """
    pem = key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    os.chmod(path, 0o600)  # the umask may have removed bits; make the mode exact


def load_private_key(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return key


def save_public_key(key: Ed25519PublicKey, path: Path) -> None:
    """Retired keys may be kept as public PEM only: they no longer sign."""
    Path(path).write_bytes(
        key.public_bytes(
            encoding=serialization.Encoding.PEM,
            format=serialization.PublicFormat.SubjectPublicKeyInfo,
        )
    )


def load_public_key(path: Path) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(Path(path).read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{path} does not hold an Ed25519 public key")
    return key


def raw_public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(
        encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
    )


def multikey_public(key: Ed25519PublicKey) -> str:
    """``publicKeyMultibase``: 'z' + base58btc(0xed 0x01 + 32 key bytes), i.e. 'z6Mk...'."""
    return "z" + base58.b58encode(_ED25519_PUB_MULTICODEC + raw_public_bytes(key)).decode("ascii")


def public_key_from_multikey(value: str) -> Ed25519PublicKey:
    if not value.startswith("z"):
        raise ValueError("publicKeyMultibase must be base58btc ('z' prefix)")
    decoded = base58.b58decode(value[1:])
    if len(decoded) != 34 or not decoded.startswith(_ED25519_PUB_MULTICODEC):
        raise ValueError("publicKeyMultibase is not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(decoded[2:])


@dataclass(frozen=True)
class IssuerKey:
    """One key of the issuer; ``name`` is the DID URL fragment (``<did>#<name>``)."""

    name: str
    public_key: Ed25519PublicKey
    private_key: Ed25519PrivateKey | None = None

    def __post_init__(self) -> None:
        # The name becomes a URL fragment and a file name: keep it boring.
        if not self.name or not all(c.isalnum() or c in "-_" for c in self.name):
            raise ValueError(f"key name must be [A-Za-z0-9_-]+: {self.name!r}")

    @classmethod
    def from_private(cls, name: str, private_key: Ed25519PrivateKey) -> IssuerKey:
        return cls(name=name, public_key=private_key.public_key(), private_key=private_key)

    def method_id(self, did: str) -> str:
        return f"{did}#{self.name}"


@dataclass(frozen=True)
class KeyRing:
    """The issuer's keys: ``current`` signs; ``retired`` only verify."""

    did: str
    current: IssuerKey
    retired: tuple[IssuerKey, ...] = ()

    def __post_init__(self) -> None:
        if self.current.private_key is None:
            raise ValueError("the current key must include its private key")
        names = [k.name for k in self.keys]
        if len(names) != len(set(names)):
            raise ValueError(f"duplicate key names in key ring: {names}")

    @property
    def keys(self) -> tuple[IssuerKey, ...]:
        return (self.current, *self.retired)

    @property
    def current_method_id(self) -> str:
        return self.current.method_id(self.did)

    @property
    def signing_key(self) -> Ed25519PrivateKey:
        assert self.current.private_key is not None  # enforced in __post_init__
        return self.current.private_key

    def resolve(self, verification_method: str) -> Ed25519PublicKey | None:
        """Usable as ``resolve_key`` for :func:`data_integrity.verify`."""
        for key in self.keys:
            if key.method_id(self.did) == verification_method:
                return key.public_key
        return None

    def rotate(self, new_key: IssuerKey) -> KeyRing:
        """New current key; the old one is retired but stays published."""
        return KeyRing(did=self.did, current=new_key, retired=(self.current, *self.retired))


def load_key_ring(did: str, directory: Path, current: str) -> KeyRing:
    """Read ``<name>.pem`` (private) and ``<name>.pub.pem`` (public only) from a directory.

    ``current`` names the signing key; every other key found there is retired.
    """
    directory = Path(directory)
    keys: dict[str, IssuerKey] = {}
    for path in sorted(directory.iterdir()):
        if path.name.endswith(PUBLIC_SUFFIX):
            name = path.name[: -len(PUBLIC_SUFFIX)]
            keys.setdefault(name, IssuerKey(name=name, public_key=load_public_key(path)))
        elif path.name.endswith(PRIVATE_SUFFIX):
            name = path.name[: -len(PRIVATE_SUFFIX)]
            keys[name] = IssuerKey.from_private(name, load_private_key(path))
    if current not in keys:
        raise FileNotFoundError(f"current key {current!r} not found in {directory}")
    retired = tuple(keys[name] for name in sorted(keys) if name != current)
    return KeyRing(did=did, current=keys[current], retired=retired)
