"""Jury pages: who may see and do what, the minutes PDF, the candidate's result."""
from io import BytesIO

from pypdf import PdfReader

from vae.jury import operations
from vae.models import AuditEvent


def test_a_member_reading_a_session_they_are_not_on_gets_404(client, login_as, scheduled):
    login_as("jury")
    assert client.get(f"/jury/sessions/{scheduled.session.id}").status_code == 404
    assert client.get(f"/jury/interviews/{scheduled.interview.id}").status_code == 404


def test_a_member_reads_the_dossier_and_the_read_is_logged(db, client, login_as, scheduled):
    login_as(scheduled.member)
    page = client.get(f"/jury/interviews/{scheduled.interview.id}")
    assert page.status_code == 200 and scheduled.case.candidate.full_name in page.text
    reads = db.session.scalars(db.select(AuditEvent).where(AuditEvent.event == "dossier_read")).all()
    assert [r.actor_id for r in reads] == [scheduled.member.id]


def test_a_non_president_trying_to_decide_gets_403(client, login_as, held):
    login_as(held.member)
    cb = held.case.blocks[0]
    response = client.post(f"/jury/sessions/{held.session.id}/blocks/{cb.id}/decide",
                           data={f"b{cb.id}-decision": "validated"})
    assert response.status_code == 403
    assert cb.state == "scheduled"


def test_the_president_decides_on_the_page(client, login_as, held):
    login_as(held.president)
    cb = held.case.blocks[1]
    client.post(f"/jury/sessions/{held.session.id}/blocks/{cb.id}/decide",
                data={f"b{cb.id}-decision": "not_validated", f"b{cb.id}-rationale": "Insuffisant"})
    assert cb.state == "not_validated"


def test_minutes_pdf_lists_members_candidates_and_decisions(db, client, login_as, held):
    first, second = held.case.blocks
    operations.decide_block(held.session, first, validated=True, rationale="", recommendations="",
                            actor=held.president)
    operations.decide_block(held.session, second, validated=False, rationale="Hygiène non maîtrisée",
                            recommendations="", actor=held.president)
    operations.sign_session(held.session, actor=held.president)
    db.session.commit()
    login_as(held.admin)
    response = client.get(f"/jury/sessions/{held.session.id}/minutes.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.data)).pages)
    for expected in ("Paule Bernard", "Jean Moreau", held.case.candidate.full_name, first.block.code,
                     second.block.code, "Hygiène non maîtrisée"):
        assert expected in text
    assert "Validé" in text and "Non validé" in text


def test_the_admin_session_page_shows_results_still_to_notify(db, client, login_as, held):
    for cb in held.case.blocks:
        operations.decide_block(held.session, cb, validated=True, rationale="", recommendations="",
                                actor=held.president)
    db.session.commit()
    login_as(held.admin)
    page = client.get(f"/jury/admin/sessions/{held.session.id}")
    assert page.status_code == 200
    assert "15 jours restants" in page.text or "15 days left" in page.text or "14" in page.text


def test_a_decision_from_a_stale_page_gets_the_409_page_and_changes_nothing(db, client, login_as, held):
    login_as(held.president)
    first, second = held.case.blocks
    stale = held.case.version
    client.post(f"/jury/sessions/{held.session.id}/blocks/{first.id}/decide",
                data={f"b{first.id}-decision": "validated", f"b{first.id}-version": stale})
    assert first.state == "validated"
    response = client.post(f"/jury/sessions/{held.session.id}/blocks/{second.id}/decide",
                           data={f"b{second.id}-decision": "validated", f"b{second.id}-version": stale})
    assert response.status_code == 409
    db.session.refresh(second)
    assert second.state == "scheduled"
