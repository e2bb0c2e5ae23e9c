"""The demo gives the mentor pages content: an answered question, an open change request, a real photo on disk."""
from sqlalchemy import func, select

from vae.demo import demo_email
from vae.models import Annotation, Evidence, StoredFile, User
from vae.storage.store import path_of


def test_the_demo_dossier_has_notes_and_a_photo_served_to_its_candidate(runner, db, client, login_as):
    assert runner.invoke(args=["vae", "demo"]).exit_code == 0
    photo = db.session.scalar(select(Evidence).where(Evidence.kind == "photo"))
    assert photo is not None and path_of(photo.file).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    notes = db.session.scalars(select(Annotation).where(Annotation.parent_id.is_(None))).all()
    question = next(n for n in notes if n.kind == "question")
    change = next(n for n in notes if n.kind == "change_request")
    assert question.replies and change.is_open and change.evidence_id == photo.id

    candidate = photo.case_block.case.candidate
    login_as(candidate)
    page = client.get(f"/blocks/{photo.case_block_id}").get_data(as_text=True)
    assert change.body in page and question.replies[0].body in page
    served = client.get(f"/files/evidence/{photo.id}")
    assert served.status_code == 200 and served.mimetype == "image/png"
    login_as(db.session.scalar(select(User).where(User.email == demo_email("mentor"))))
    assert change.body in client.get(f"/blocks/{photo.case_block_id}").get_data(as_text=True)

    files, notes_count = db.session.scalar(select(func.count(StoredFile.id))), len(notes)
    assert runner.invoke(args=["vae", "demo"]).exit_code == 0  # idempotent
    assert db.session.scalar(select(func.count(StoredFile.id))) == files
    assert db.session.scalar(select(func.count(Annotation.id)).where(Annotation.parent_id.is_(None))) == notes_count
