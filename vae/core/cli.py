"""`flask vae …`: the command group every feature adds its commands to (vae/<feature>/cli.py)."""
from __future__ import annotations

import click

vae_cli = click.Group("vae", help="VAE case engine commands.")
