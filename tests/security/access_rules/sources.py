"""The roads to a block: the certifier's queue and records, a claim seen by its candidate or staff."""
from datetime import date

from tests.security.access_rules import case_party, role_only

ADMIN_ONLY = role_only("admin")
OWNER_OR_STAFF = case_party("candidate", "admin")  # a claim belongs to no case: its candidate, or staff

RULES = {
    "sources.queue": ADMIN_ONLY,
    "sources.record_claim": ADMIN_ONLY,
    "sources.claim": OWNER_OR_STAFF,
    "sources.claim_file": OWNER_OR_STAFF,
    "sources.accept": ADMIN_ONLY,
    "sources.refuse": ADMIN_ONLY,
    "sources.declare_outside": role_only("candidate"),
}


def _claim(world, target):
    """A declared outside block of the target case's candidate, with the case's evidence file as proof."""
    from sqlalchemy import select

    from vae.extensions import db
    from vae.models import BlockClaim

    case = world.case(target)
    found = db.session.scalar(select(BlockClaim).where(BlockClaim.candidate_id == case.candidate_id))
    if found is None:
        evidence = world.evidence[target]
        found = BlockClaim(candidate_id=case.candidate_id, block_id=case.blocks[0].block_id, source="outside",
                           state="declared", awarding_body="Autre certificateur", assessed_on=date(2025, 6, 1),
                           assessment_reference="", file_id=evidence.file_id, original_filename="preuve.pdf")
        db.session.add(found)
        db.session.commit()
    return found.id


ARGUMENTS = {"claim_id": _claim}
