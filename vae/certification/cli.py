"""`flask vae keys generate | rotate | show`: the issuer's signing keys (in instance/keys, mode 0600)."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from vae.core.cli import vae_cli


@vae_cli.group("keys")
def keys_cli() -> None:
    """The issuer's Ed25519 signing keys."""


@keys_cli.command("generate")
@with_appcontext
def generate() -> None:
    """Create the first signing key."""
    from vae.certification import signing
    from vae.core.clock import now

    try:
        name = signing.generate_key(now())
    except FileExistsError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"signing key {name} created in {signing.key_dir()}")


@keys_cli.command("rotate")
@with_appcontext
def rotate() -> None:
    """New signing key; the old one is kept (public half only) so its credentials still verify."""
    from vae.certification import signing
    from vae.core.clock import now

    try:
        old, new = signing.rotate_key(now())
    except signing.KeysMissing as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"signing key {new} is current; {old} retired (public key kept)")


@keys_cli.command("show")
@with_appcontext
def show() -> None:
    """The DID and its published keys."""
    from vae.certification import signing

    try:
        document = signing.did_document()
    except signing.KeysMissing as error:
        raise click.ClickException(str(error)) from error
    current = signing.current_key_name()
    click.echo(f"issuer: {document['id']}")
    for method in document["verificationMethod"]:
        mark = "current" if method["id"].endswith("#" + current) else "retired"
        click.echo(f"  {method['id']}  {method['publicKeyMultibase']}  ({mark})")


@vae_cli.command("check-issuer")
@with_appcontext
def check_issuer() -> None:
    """Refuse (exit 1) when credentials would name an address no verifier can reach."""
    from vae.certification import signing

    reason = signing.issuing_refusal()
    if reason is not None:
        raise click.ClickException(reason)
    click.echo(f"issuer {signing.issuer_did()}; project context {signing.project_context()}")
