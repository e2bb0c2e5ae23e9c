"""The issuer as configured: its did:web, its key files in instance/keys, its DID document.

Private keys live only in KEY_DIR (mode 0600), never in the database or the repo.
The file CURRENT names the signing key; retired keys are kept as public PEM only,
so that the credentials they signed still verify.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask import current_app

from vae.certification.vc import did_web, keys
from vae.certification.vc.open_badge import Issuer

CURRENT_FILE = "CURRENT"


class KeysMissing(RuntimeError):
    """No signing key yet: run `flask vae keys generate`."""


def key_dir() -> Path:
    return Path(current_app.config["KEY_DIR"])


def base_url() -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/")


def issuer_did() -> str:
    return did_web.did_from_url(base_url() + "/")


def issuer() -> Issuer:
    return Issuer(did=issuer_did(), name=current_app.config["CERTIFIER_NAME"], url=base_url() + "/",
                  country_code=current_app.config.get("CERTIFIER_COUNTRY", "FR"))


def current_key_name() -> str | None:
    path = key_dir() / CURRENT_FILE
    return path.read_text().strip() if path.is_file() else None


def key_ring() -> keys.KeyRing:
    name = current_key_name()
    if name is None:
        raise KeysMissing("no signing key: run `flask vae keys generate`")
    return keys.load_key_ring(issuer_did(), key_dir(), current=name)


def did_document() -> dict:
    return did_web.did_document(issuer_did(), list(key_ring().keys))


def _new_key_name(moment: datetime) -> str:
    taken = {p.name.split(".")[0] for p in key_dir().glob("*.pem")}
    base = f"key-{moment:%Y%m%d}"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    return name


def generate_key(moment: datetime) -> str:
    """First key of the issuer; refuses if one exists (rotate instead)."""
    if current_key_name() is not None:
        raise FileExistsError("a signing key exists already: use `flask vae keys rotate`")
    return _install_new_key(moment)


def rotate_key(moment: datetime) -> tuple[str, str]:
    """A new current key; the old private key is replaced by its public half."""
    old = current_key_name()
    if old is None:
        raise KeysMissing("no signing key to rotate: run `flask vae keys generate`")
    private_path = key_dir() / f"{old}{keys.PRIVATE_SUFFIX}"
    public_key = keys.load_private_key(private_path).public_key()
    keys.save_public_key(public_key, key_dir() / f"{old}{keys.PUBLIC_SUFFIX}")
    new = _install_new_key(moment)
    private_path.unlink()
    return old, new


def _install_new_key(moment: datetime) -> str:
    directory = key_dir()
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700)
    name = _new_key_name(moment)
    keys.save_private_key(keys.generate_private_key(), directory / f"{name}{keys.PRIVATE_SUFFIX}")
    (directory / CURRENT_FILE).write_text(name + "\n")
    return name
