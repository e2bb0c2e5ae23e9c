"""The verification page reads the certificate and what it names (block and title, or the
full title) in one query, the subject as entities of the row (vae/certification/routes.py)."""
from __future__ import annotations

from sqlalchemy import select

from vae.models import Certificate


def test_the_verification_page_of_a_full_title_is_one_query(app, db, client, login_as, titles, make_user,
                                                           case_factory, jury_validates, count_queries):
    candidate = make_user("candidate", first_name="Jeanne", last_name="Dupont")
    title = titles["RNCP37780"]
    session = jury_validates(case_factory(candidate=candidate, block_codes=[b.code for b in title.required_blocks]))
    login_as(jury_validates.admin)
    client.post(f"/admin/certification/sessions/{session.id}/issue")
    certificate = db.session.scalar(select(Certificate).where(Certificate.kind == "title"))
    assert certificate is not None
    visitor = app.test_client()
    with count_queries() as n:
        page = visitor.get(f"/c/{certificate.public_id}").get_data(as_text=True)
    assert title.label in page and "RNCP37780" in page and "Jeanne Dupont" in page
    assert n() == 1
    assert visitor.get("/c/no-such-certificate").status_code == 404


def test_my_blocks_reads_every_certificate_once_and_links_the_transcript(db, client, login_as, titles, make_user,
                                                                       case_factory, jury_validates,
                                                                       record_statements):
    candidate = make_user("candidate")
    session = jury_validates(case_factory(candidate=candidate, block_codes=["RNCP37780BC01"]))
    login_as(jury_validates.admin)
    client.post(f"/admin/certification/sessions/{session.id}/issue")
    kinds = set(db.session.scalars(select(Certificate.kind).where(Certificate.candidate_id == candidate.id)))
    assert kinds == {"block", "transcript"}
    login_as(candidate)
    with record_statements() as seen:
        page = client.get("/my/blocks").get_data(as_text=True)
    assert "/my/transcript.pdf" in page  # the transcript, found among the candidate's certificates
    block_certificate = db.session.scalar(select(Certificate.public_id).where(
        Certificate.candidate_id == candidate.id, Certificate.kind == "block"))
    assert block_certificate in page
    assert len([s for s in seen if s.startswith("SELECT certificate.")]) == 1
