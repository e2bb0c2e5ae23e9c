"""The learner's records: their own passport, Europass export and share links; the public shared page."""
from datetime import timedelta

from sqlalchemy import select

from tests.security.access_rules import PUBLIC, case_party, role_only

CANDIDATE_ONLY = role_only("candidate")
# The holder only: another candidate gets 404 (their link or credential does not exist for them).
OWNER = case_party("candidate", roles=("candidate",))

RULES = {
    "records.index": CANDIDATE_ONLY,
    "records.passport": CANDIDATE_ONLY,  # the signed-in candidate's own: no id in the URL
    "records.create_link": CANDIDATE_ONLY,
    "records.europass": OWNER,
    "records.revoke_link": OWNER,
    # Anyone holding the link.
    "records.shared": PUBLIC,
}


def _world_link(world, target):
    """The target candidate's link to their certificate (made once per test database)."""
    from vae.core.clock import now
    from vae.extensions import db
    from vae.models import Certificate, ShareLink, ShareLinkItem

    certificate = db.session.scalar(select(Certificate).where(
        Certificate.public_id == world.ids.certificates[target]))
    token = f"world-link-{target}-" + "x" * 30
    link = db.session.scalar(select(ShareLink).where(ShareLink.token == token))
    if link is None:
        link = ShareLink(owner_id=certificate.candidate_id, token=token, created_at=now(),
                         expires_at=now() + timedelta(days=3650),
                         items=[ShareLinkItem(certificate_id=certificate.id)])
        db.session.add(link)
        db.session.commit()
    return link


ARGUMENTS = {
    "share_token": lambda world, target: _world_link(world, target).token,
    "link_id": lambda world, target: _world_link(world, target).id,
}
