"""Rules of a claim to a block obtained by another road (training, exam, another certifier)."""
from __future__ import annotations

from flask_babel import gettext as _

from vae.awards import held_block_ids


def block_not_held(claim) -> str | None:
    """A block is held once: a second road to it adds nothing."""
    if claim.block_id in held_block_ids(claim.candidate_id):
        return _("The candidate already holds this block.")
    return None


def proof_present(claim) -> str | None:
    if claim.file_id is None and not (claim.credential_json or "").strip():
        return _("A supporting document or a verifiable credential is needed.")
    return None


def credential_verified(claim) -> str | None:
    """A declared credential must have passed every check (signature, issuer, status)."""
    if not (claim.credential_json or "").strip():
        return None
    verification = claim.verification or {}
    if not verification.get("ok"):
        return _("The credential did not verify: %(why)s", why=verification.get("reason") or _("not checked"))
    return None
