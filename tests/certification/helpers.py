"""Shared steps of the certification web tests: a candidate's certificates issued through the admin page."""
from __future__ import annotations

from sqlalchemy import select

from vae.models import Certificate


def issue_session(client, login_as, admin, session) -> None:
    """The admin presses "issue" until every certificate of the signed session is out."""
    login_as(admin)
    for _ in range(5):
        response = client.post(f"/admin/certification/sessions/{session.id}/issue")
        assert response.status_code == 302
        if "auto=1" not in response.headers["Location"]:
            return


def certificates_of(db, candidate, kind: str) -> list[Certificate]:
    return db.session.scalars(select(Certificate).where(Certificate.candidate_id == candidate.id,
                                                        Certificate.kind == kind)
                              .order_by(Certificate.id)).all()


def full_title(titles, make_user, case_factory, jury_validates, client, login_as, rncp="RNCP37780"):
    """A candidate who holds every block of the title, certified: (candidate, case)."""
    candidate = make_user("candidate", first_name="Jeanne", last_name="Dupont")
    case = case_factory(candidate=candidate, rncp=rncp, block_codes=[b.code for b in titles[rncp].required_blocks])
    issue_session(client, login_as, jury_validates.admin, jury_validates(case))
    return candidate, case
