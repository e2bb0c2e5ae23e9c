"""The candidate's steps through the web pages, with guard reasons shown."""
import io
import re

from sqlalchemy import select

from tests.candidate.conftest import PNG
from vae.models import Case, Evidence, OutboxMessage, StoredFile, User


def test_sign_up_sends_a_confirmation_link_that_confirms_the_address(client, db):
    page = client.get("/signup")
    assert page.status_code == 200
    response = client.post("/signup", data={
        "first_name": "Inès", "last_name": "Moreau", "email": "ines@example.org", "phone": "0600000000",
        "locale": "fr", "password": "un mot de passe solide 42", "confirm": "un mot de passe solide 42"})
    assert response.status_code == 302
    user = User.by_email("ines@example.org")
    assert user.has_role("candidate") and user.email_confirmed_at is None
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.recipient_id == user.id))
    link = re.search(r"http://\S+/signup/confirm/\S+", mail.body_text).group(0)
    client.get(link.split("localhost", 1)[-1])
    db.session.refresh(user)
    assert user.email_confirmed_at is not None


def test_new_case_shows_blocks_and_refuses_held_ones(client, db, titles, login_as):
    from vae.models import BlockAward

    me = login_as("candidate")
    title = titles["RNCP37780"]
    db.session.add(BlockAward(candidate=me, block=title.blocks[0]))
    db.session.commit()
    page = client.get(f"/cases/new?title_id={title.id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Acquis" in text or "Acquired" in text
    assert f'value="{title.blocks[0].id}"' not in text
    client.post(f"/cases/new?title_id={title.id}", data={"blocks": [title.blocks[0].id]})
    assert db.session.scalar(select(Case).where(Case.candidate_id == me.id)) is None
    client.post(f"/cases/new?title_id={title.id}", data={"blocks": [title.blocks[1].id, title.blocks[2].id]})
    case = db.session.scalar(select(Case).where(Case.candidate_id == me.id))
    assert [cb.block_id for cb in case.blocks] == [title.blocks[1].id, title.blocks[2].id]


def test_title_search_by_rncp_code(client, titles, login_as):
    login_as("candidate")
    text = client.get("/cases/new?q=37780").get_data(as_text=True)
    assert "RNCP37780" in text and "RNCP37792" not in text


def test_submit_without_experience_shows_the_guard_reason(client, db, titles, login_as):
    me = login_as("candidate")
    title = titles["RNCP37780"]
    client.post(f"/cases/new?title_id={title.id}", data={"blocks": [title.blocks[0].id]})
    case = db.session.scalar(select(Case).where(Case.candidate_id == me.id))
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Décrivez au moins une expérience" in page or "Describe at least one experience" in page
    response = client.post(f"/cases/{case.id}/event/submit", data={"version": case.version}, follow_redirects=True)
    assert case.state == "draft"
    client.post(f"/cases/{case.id}/experiences/new", data={
        "employer": "Mme Dupont", "household_employer": "y", "role": "Assistante de vie", "start_date": "2020-01-01",
        "hours_per_week": "30", "activities": "Aide", "case_blocks": [case.blocks[0].id]})
    db.session.refresh(case)
    assert len(case.experiences) == 1 and case.experiences[0].case_blocks
    text = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "1607" in text.replace("\u202f", "").replace(" ", "") or "1 607" in text
    response = client.post(f"/cases/{case.id}/event/submit", data={"version": case.version})
    assert response.status_code == 302
    db.session.refresh(case)
    assert case.state == "submitted"


def test_block_submission_shows_guards_then_succeeds(client, db, admissible_case, login_as):
    case = admissible_case()
    login_as(case.candidate)
    cb = case.blocks[0]
    text = client.get(f"/blocks/{cb.id}").get_data(as_text=True)
    assert "aucune preuve" in text.lower() or "no evidence" in text.lower()
    client.post(f"/blocks/{cb.id}/submit", data={"version": case.version, "honour": "y"})
    db.session.refresh(cb)
    assert cb.state == "documenting"
    client.post(f"/blocks/{cb.id}/evidence", data={
        "competence_id": cb.block.competences[0].id, "kind": "text", "title": "Le lever", "body": "J'aide Mme D."})
    client.post(f"/blocks/{cb.id}/evidence", data={
        "competence_id": cb.block.competences[1].id, "kind": "photo", "title": "",
        "body": "", "file": (io.BytesIO(PNG), "photo.png")}, content_type="multipart/form-data")
    for c in cb.block.competences[2:]:
        client.post(f"/blocks/{cb.id}/at-interview", data={"competence_id": c.id})
    photo = db.session.scalar(select(Evidence).where(Evidence.kind == "photo"))
    assert photo is not None and photo.file.mime_type == "image/png"
    served = client.get(f"/files/evidence/{photo.id}")
    assert served.data[:8] == PNG[:8] and served.headers["X-Content-Type-Options"] == "nosniff"
    assert "inline" in served.headers["Content-Disposition"]
    response = client.post(f"/blocks/{cb.id}/submit", data={"version": case.version}, follow_redirects=True)
    assert "honneur" in response.get_data(as_text=True) or "honour" in response.get_data(as_text=True)
    db.session.refresh(case)
    client.post(f"/blocks/{cb.id}/submit", data={"version": case.version, "honour": "y"})
    db.session.refresh(cb)
    assert cb.state == "submitted" and cb.honour_signed_at is not None
    # Evidence is frozen once submitted.
    client.post(f"/evidence/{photo.id}/delete", data={})
    assert db.session.get(Evidence, photo.id) is not None


def test_disguised_empty_and_truncated_uploads_are_refused_and_nothing_is_stored(client, db, admissible_case, login_as,
                                                                                   app):
    case = admissible_case()
    login_as(case.candidate)
    cb = case.blocks[0]
    bad = {"disguised.pdf": b"MZ\x90\x00" + b"\x00" * 200, "empty.png": b"", "cut.png": PNG[:40],
           "cut.pdf": b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"}
    for name, data in bad.items():
        response = client.post(f"/blocks/{cb.id}/evidence", data={
            "competence_id": cb.block.competences[0].id, "kind": "document", "file": (io.BytesIO(data), name)},
            content_type="multipart/form-data", follow_redirects=True)
        assert response.status_code == 200
    assert db.session.scalar(select(Evidence)) is None and db.session.scalar(select(StoredFile)) is None
    from pathlib import Path

    leftovers = [p for p in Path(app.config["UPLOAD_DIR"]).rglob("*") if p.is_file()]
    assert leftovers == []


def test_withdraw_a_block_and_abandon_the_case(client, db, admissible_case, login_as):
    case = admissible_case()
    login_as(case.candidate)
    client.post(f"/blocks/{case.blocks[0].id}/withdraw", data={"version": case.version})
    db.session.refresh(case)
    assert case.blocks[0].state == "withdrawn"
    client.post(f"/cases/{case.id}/event/abandon", data={"version": case.version})
    db.session.refresh(case)
    assert case.state == "abandoned"


def test_a_stale_form_is_refused_with_409(client, db, admissible_case, login_as):
    case = admissible_case()
    login_as(case.candidate)
    response = client.post(f"/cases/{case.id}/event/abandon", data={"version": case.version - 1})
    assert response.status_code == 409


def test_an_end_date_before_the_start_date_is_explained_not_a_crash(client, db, case_factory, login_as):
    """Found by the hostile-input crawl: the form's check raised a bare ValueError (a 500)."""
    me = login_as("candidate")
    case = case_factory(candidate=me)
    experience = case.experiences[0]
    response = client.post(f"/cases/{case.id}/experiences/{experience.id}", data={
        "employer": "Mme Dupont", "role": "Assistante de vie", "start_date": "2019-01-01",
        "end_date": "2018-01-01", "hours_per_week": "25", "activities": "Aide"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "La date de fin est avant la date de début." in page or "The end date is before the start date." in page
    db.session.refresh(experience)
    assert experience.end_date is None
