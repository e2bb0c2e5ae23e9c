"""What the public page of a credential shows of its holder: the learner chooses.

The signed credential always carries the full name (an employer checks it against the
person); only the public page, which anyone with the link sees, may show initials.
"""
from __future__ import annotations

from vae.core.audit import record
from vae.extensions import db
from vae.models import Certificate, User
from vae.models.states import PUBLIC_NAME_DISPLAYS


def initials(name: str) -> str:
    """'Jeanne Marie Dupont-Durand' -> 'J. M. D.-D.' (each word and hyphenated part)."""
    parts = []
    for word in name.split():
        parts.append("-".join(piece[:1].upper() + "." for piece in word.split("-") if piece))
    return " ".join(parts)


def public_holder_name(certificate: Certificate) -> str:
    """The name frozen at issue (what the credential certifies), never the current profile."""
    name = certificate.holder_name or certificate.candidate.full_name
    return initials(name) if certificate.public_name == "initials" else name


def set_public_name(certificate: Certificate, actor: User, choice: str) -> bool:
    """The holder's choice for this credential; True when it changed (audited)."""
    if choice not in PUBLIC_NAME_DISPLAYS:
        raise ValueError(f"public name must be one of {PUBLIC_NAME_DISPLAYS}")
    if actor.id != certificate.candidate_id:
        raise PermissionError("only the holder chooses how the public page names them")
    if certificate.public_name == choice:
        return False
    record(actor, "certificate", certificate.id, "public_name", from_state=certificate.public_name,
           to_state=choice, data={"public_id": certificate.public_id})
    certificate.public_name = choice
    db.session.flush()
    return True
