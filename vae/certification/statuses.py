"""Revocation bits: each certificate owns one bit of a status list.

The bits are not stored: they are the revoked certificates of the list, so a
revocation is one UPDATE and the served list can never disagree with the page.
"""
from __future__ import annotations

from sqlalchemy import select

from vae.certification.signing import base_url, issuer_did, key_ring
from vae.certification.vc import data_integrity, status_list
from vae.core.claims import claim
from vae.core.clock import now
from vae.extensions import db
from vae.models import Certificate, StatusList

FIRST_SLUG = "1"


def list_url(slug: str) -> str:
    return f"{base_url()}/status/{slug}"


def allocate_index() -> tuple[StatusList, int]:
    """The next free bit, under a row lock so two issuers never share one."""
    current = db.session.scalar(
        select(StatusList).where(StatusList.next_index < StatusList.size_bits)
        .order_by(StatusList.id).limit(1).with_for_update().execution_options(populate_existing=True))
    if current is None:
        count = db.session.query(StatusList).count()
        current = StatusList(slug=str(count + 1) if count else FIRST_SLUG, purpose="revocation",
                             size_bits=status_list.MIN_BITS, next_index=0)
        db.session.add(current)
        db.session.flush()
    # SQLite ignores FOR UPDATE: take the bit with a conditional UPDATE, and try the next one if
    # another issuer took it between our read and our write.
    for _ in range(1000):
        index = current.next_index
        if claim(StatusList, current.id, StatusList.next_index == index, next_index=index + 1):
            return current, index
    raise RuntimeError("could not allocate a status list index")


def bits_of(status: StatusList) -> status_list.StatusList:
    bits = status_list.StatusList(status.size_bits)
    for index in db.session.scalars(select(Certificate.status_index).where(
            Certificate.status_list_id == status.id, Certificate.revoked_at.is_not(None))):
        bits.set(index)
    return bits


def signed_status_list(status: StatusList) -> dict:
    ring = key_ring()
    moment = now()
    unsigned = status_list.status_list_credential(list_url(status.slug), issuer_did(), bits_of(status), moment)
    return data_integrity.sign(unsigned, ring.signing_key, ring.current_method_id, moment)
