"""Item 22: two requests at once on SQLite (and PostgreSQL). Each race is reproduced as it happens:
request A has read the row, request B changes it and commits, then A writes. A must lose with a
clear answer, and nothing is written twice."""
from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from tests.certification.conftest import jury_validates, signing_key  # noqa: F401  (fixtures)
from tests.fixtures.refusals import reasons_of
from vae.auth.operations import set_password_from_link
from vae.certification import operations as certification
from vae.certification.statuses import allocate_index
from vae.extensions import db as _db
from vae.jury.operations import sign_session
from vae.models import AuditEvent, Certificate, JurySession, User


def _events(db, name: str) -> int:
    return db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.event == name))


def test_signing_twice_at_once_signs_once(app, db, make_user, case_factory, jury_validates):  # noqa: F811
    case = case_factory()
    session = jury_validates(case, sign=False)
    president = session.president.user if hasattr(session.president, "user") else session.president
    seen = db.session.get(JurySession, session.id)  # request A has read the unsigned session
    assert seen.state != "signed"
    with app.app_context():  # request B signs and commits
        assert reasons_of(lambda: sign_session(_db.session.get(JurySession, session.id), actor=president)) == []
        _db.session.commit()
    reasons = reasons_of(lambda: sign_session(seen, actor=president))  # request A goes on from what it read
    db.session.rollback()
    assert reasons and "sign" in reasons[0].lower()
    assert _events(db, "session_signed") == 1


def test_a_reset_link_used_twice_at_once_sets_one_password(app, db, make_user):
    user = make_user("candidate")
    seen = db.session.get(User, user.id)  # both requests checked the link against this hash
    with app.app_context():
        assert set_password_from_link(_db.session.get(User, user.id), "premier nouveau mot de passe")
        _db.session.commit()
    assert not set_password_from_link(seen, "second nouveau mot de passe")
    db.session.commit()
    fresh = db.session.get(User, user.id)
    assert fresh.check_password("premier nouveau mot de passe")
    assert not fresh.check_password("second nouveau mot de passe")
    assert _events(db, "password_set") == 1


def _issued_certificate(db, client, login_as, make_user, case_factory, jury_validates):
    case = case_factory(block_codes=["RNCP37780BC01"])
    session = jury_validates(case)
    login_as(jury_validates.admin)
    client.post(f"/admin/certification/sessions/{session.id}/issue")
    return db.session.scalar(select(Certificate).where(Certificate.kind == "block"))


def test_revoking_twice_at_once_revokes_once(app, db, client, login_as, make_user, case_factory,
                                             jury_validates):  # noqa: F811
    certificate = _issued_certificate(db, client, login_as, make_user, case_factory, jury_validates)
    admin = jury_validates.admin
    seen = db.session.get(Certificate, certificate.id)
    assert not seen.is_revoked
    with app.app_context():
        assert certification.revoke_certificate(_db.session.get(Certificate, certificate.id),
                                                _db.session.get(User, admin.id), "erreur de saisie")
        _db.session.commit()
    assert certification.revoke_certificate(seen, admin, "erreur de saisie") == []
    db.session.commit()
    revocations = db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.event == "revoke", AuditEvent.subject_id == certificate.id))
    assert revocations == 1


def test_a_second_revocation_says_so(db, client, login_as, make_user, case_factory, jury_validates):  # noqa: F811
    certificate = _issued_certificate(db, client, login_as, make_user, case_factory, jury_validates)
    for _ in range(2):
        page = client.post(f"/c/{certificate.public_id}/revoke", data={"reason": "erreur"},
                           follow_redirects=True).get_data(as_text=True)
    assert "déjà révoquée" in page or "already revoked" in page


def test_two_issuers_never_take_the_same_status_bit(app, db, make_user):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL holds the row lock (FOR UPDATE); this interleaving would wait, not race")
    taken = []

    def other_issuer_first(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("UPDATE STATUS_LIST") and not taken:
            taken.append(None)
            with app.app_context():  # another batch allocates and commits between our read and our write
                taken[0] = allocate_index()[1]
                _db.session.commit()

    allocate_index()  # the list exists
    db.session.commit()
    event.listen(db.engine, "before_cursor_execute", other_issuer_first)
    try:
        _, mine = allocate_index()
        db.session.commit()
    finally:
        event.remove(db.engine, "before_cursor_execute", other_issuer_first)
    assert taken and taken[0] is not None and mine != taken[0]
