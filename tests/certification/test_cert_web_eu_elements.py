"""EU micro-credential elements come from data, and what the learner sees follows them."""
from __future__ import annotations

import json

from sqlalchemy import select

from vae.models import AuditEvent, BlockDecision, Certificate, Interview


def _issue(db, client, login_as, case_factory, jury_validates, codes=("RNCP37780BC01",), before_issue=None):
    session = jury_validates(case_factory(block_codes=list(codes)))
    if before_issue:
        before_issue(session)
        db.session.commit()
    login_as(jury_validates.admin)
    for _ in range(2):
        client.post(f"/admin/certification/sessions/{session.id}/issue")
    return session


def _credential(db, kind="block") -> tuple[Certificate, dict]:
    certificate = db.session.scalar(select(Certificate).where(Certificate.kind == kind).order_by(Certificate.id))
    return certificate, json.loads(certificate.credential_json)


def test_workload_set_by_an_admin_is_emitted_and_shown(db, client, login_as, titles, make_user, case_factory,
                                                       jury_validates):
    title = titles["RNCP37780"]
    block = next(b for b in title.blocks if b.code == "RNCP37780BC01")
    login_as("admin")
    page = client.get(f"/admin/certification/titles/{title.id}/workload")
    assert page.status_code == 200 and "RNCP37780BC01" in page.get_data(as_text=True)
    response = client.post(f"/admin/certification/titles/{title.id}/workload",
                           data={f"hours_{block.id}": "140", f"ects_{block.id}": "12", "title_hours": "700"})
    assert response.status_code == 302
    assert client.post(f"/admin/certification/titles/{title.id}/workload",
                       data={f"hours_{block.id}": "-3"}).status_code == 400
    db.session.refresh(block)
    assert (block.notional_workload_hours, block.ects_credits) == (140, 12.0)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.event == "workload")) is not None

    _issue(db, client, login_as, case_factory, jury_validates)
    certificate, credential = _credential(db)
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["notionalWorkload"] == "PT140H"
    assert achievement["creditsAvailable"] == 12  # a whole number: same canonical bytes in every verifier
    assert "140" in client.get(f"/c/{certificate.public_id}").get_data(as_text=True)
    achievement_page = client.get("/achievements/RNCP37780BC01").get_data(as_text=True)
    assert "140" in achievement_page and "ECTS" in achievement_page


def test_unknown_workload_is_left_out_not_guessed(db, client, login_as, titles, case_factory, jury_validates):
    for block in titles["RNCP37780"].blocks:
        block.notional_workload_hours = None
    db.session.commit()
    _issue(db, client, login_as, case_factory, jury_validates)
    achievement = _credential(db)[1]["credentialSubject"]["achievement"]
    assert "notionalWorkload" not in achievement and "creditsAvailable" not in achievement


def test_participation_assessment_and_quality_come_from_the_data(db, client, login_as, titles, case_factory,
                                                                 jury_validates):
    block = next(b for b in titles["RNCP37780"].blocks if b.code == "RNCP37780BC01")
    block.assessment_modalities = "Mise en situation professionnelle reconstituée et entretien"
    db.session.commit()

    def online(session):
        for interview in db.session.scalars(select(Interview).where(Interview.session_id == session.id)):
            interview.mode = "online"

    session = _issue(db, client, login_as, case_factory, jury_validates, before_issue=online)
    credential = _credential(db)[1]
    assert "à distance" in credential["credentialSubject"]["formOfParticipation"]
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["assessmentType"] == "Mise en situation professionnelle reconstituée et entretien"
    assert "RNCP37780" in achievement["qualityAssurance"]
    assert titles["RNCP37780"].certifier_name in achievement["qualityAssurance"]
    # The evidence is the jury's decision, never the dossier.
    [evidence] = credential["evidence"]
    decision = db.session.scalar(select(BlockDecision))
    assert f"{session.starts_at:%d/%m/%Y}" in evidence["description"]
    assert f"{decision.decided_at:%Y-%m-%d}" in evidence["description"]
    assert f"n° {decision.id}" in evidence["description"]
    assert "dossier" not in json.dumps(evidence).lower()


def test_validity_from_the_title_policy_is_signed_and_shown(db, client, login_as, titles, case_factory,
                                                            jury_validates):
    titles["RNCP37780"].award_validity_years = 5
    db.session.commit()
    _issue(db, client, login_as, case_factory, jury_validates)
    certificate, credential = _credential(db)
    valid_until = credential["validUntil"]
    assert int(valid_until[:4]) == int(credential["validFrom"][:4]) + 5
    assert valid_until[:10] in client.get(f"/c/{certificate.public_id}").get_data(as_text=True)
    from vae.certification.documents import certificate_html

    assert f"{valid_until[8:10]}/{valid_until[5:7]}/{valid_until[:4]}" in certificate_html(certificate)


def test_the_holder_chooses_initials_for_the_public_page_only(app, db, client, login_as, make_user, case_factory,
                                                              titles, jury_validates):
    candidate = make_user("candidate", first_name="Jeanne", last_name="Dupont-Martin")
    session = jury_validates(case_factory(candidate=candidate, block_codes=["RNCP37780BC01"]))
    login_as(jury_validates.admin)
    client.post(f"/admin/certification/sessions/{session.id}/issue")
    certificate, credential = _credential(db)
    signed_before = certificate.credential_json
    visitor = app.test_client()  # anyone with the link
    assert "Jeanne Dupont-Martin" in visitor.get(f"/c/{certificate.public_id}").get_data(as_text=True)

    login_as(make_user("candidate"))  # someone else cannot choose for her
    assert client.post(f"/my/certificates/{certificate.public_id}/public-name",
                       data={"public_name": "initials"}).status_code == 404
    login_as(candidate)
    client.post(f"/my/certificates/{certificate.public_id}/public-name", data={"public_name": "initials"})
    page = visitor.get(f"/c/{certificate.public_id}").get_data(as_text=True)
    assert "J. D.-M." in page and "Jeanne" not in page
    db.session.refresh(certificate)
    assert certificate.credential_json == signed_before  # the signed credential keeps the name
    learner = next(i for i in json.loads(signed_before)["credentialSubject"]["identifier"]
                   if i["identityType"] == "name")
    assert learner["identityHash"] == "Jeanne Dupont-Martin"
