"""The issuer as configured: its did:web, its key files in instance/keys, its DID document.

Private keys live only in KEY_DIR (mode 0600), never in the database or the repo.
The file CURRENT names the signing key; retired keys are kept as public PEM only,
so that the credentials they signed still verify.
"""
from __future__ import annotations

import ipaddress
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app

from vae.certification.vc import did_web, jsonld_loader, keys
from vae.certification.vc.open_badge import Issuer

CURRENT_FILE = "CURRENT"


class KeysMissing(RuntimeError):
    """No signing key yet: run `flask vae keys generate`."""


def key_dir() -> Path:
    return Path(current_app.config["KEY_DIR"])


def base_url() -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/")


def issuer_did() -> str:
    """did:web of the deployment: ``did:web:host%3Aport`` at the host's root, or
    ``did:web:host:path`` when the app is published under a path (a did:web with no
    path is always resolved at the host's /.well-known, which the app would not own)."""
    return did_web.did_from_url(base_url() + "/", include_path=bool(urlsplit(base_url()).path.strip("/")))


def project_context() -> str:
    """URL of the project JSON-LD context the credentials name, published by this deployment."""
    context_base = current_app.config.get("CONTEXT_BASE_URL") or base_url() + "/ns"
    return jsonld_loader.register_project_context(context_base)


PLACEHOLDER_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local", "example.com",
                        "example.org", "example.net")


class IssuingRefused(RuntimeError):
    """Signing would name addresses no verifier can reach (see `issuing_refusal`)."""


def issuing_refusal(config=None) -> str | None:
    """Why this deployment must not issue, or None (``config`` defaults to the app's).

    Every credential names PUBLIC_BASE_URL for ever (issuer DID, status list, context):
    in production a loopback or placeholder address would make them unverifiable.
    """
    config = current_app.config if config is None else config
    if config.get("DEPLOYMENT") != "production":
        return None
    for name in ("PUBLIC_BASE_URL", "CONTEXT_BASE_URL"):
        url = config.get(name)
        if not url:
            continue
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        try:
            loopback = ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified
        except ValueError:
            loopback = host == "localhost"
        if parts.scheme != "https" or not host or loopback or host.endswith(PLACEHOLDER_SUFFIXES):
            return (f"{name} is {url!r}: credentials would name an address no verifier can reach. "
                    f"Set {name} to the public https address of this deployment before issuing.")
    return None


def refuse_unless_publishable() -> None:
    reason = issuing_refusal()
    if reason is not None:
        raise IssuingRefused(reason)


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
