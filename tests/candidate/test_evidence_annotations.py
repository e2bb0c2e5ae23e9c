"""A mentor's note about one evidence item is shown beside that item, and the candidate answers it there."""
from sqlalchemy import select

from tests.fixtures.pages import submit_on_the_page
from vae.models import Annotation, Evidence


def _two_accounts(client, case_block):
    competences = case_block.block.competences
    for competence, body in ((competences[0], "Je fais la toilette de Mme D."), (competences[1], "Je prépare les repas.")):
        client.post(f"/blocks/{case_block.id}/evidence", data={
            "competence_id": competence.id, "kind": "text", "title": "", "body": body})


def _section_of(page: str, evidence_id: int) -> str:
    """The page from this evidence item up to the next competence section."""
    start = page.index(f'id="evidence-{evidence_id}"')
    end = page.find('<section class="competence"', start)
    return page[start:end if end != -1 else None]


def test_a_mentor_question_on_one_evidence_item_shows_beside_it(client, db, admissible_case, login_as):
    case = admissible_case()
    cb = case.blocks[0]
    login_as(case.candidate)
    _two_accounts(client, cb)
    toilet, meals = db.session.scalars(select(Evidence).order_by(Evidence.id)).all()

    login_as(case.mentor)
    page = client.get(f"/blocks/{cb.id}").get_data(as_text=True)
    assert f'id="note-body-{toilet.id}"' in page and f'id="note-body-{meals.id}"' in page  # one control per item
    client.post(f"/mentor/blocks/{cb.id}/annotations",
                data={"kind": "question", "body": "Comment préservez-vous sa pudeur ?", "evidence_id": toilet.id})
    note = db.session.scalar(select(Annotation))
    assert note.evidence_id == toilet.id and note.kind == "question"

    login_as(case.candidate)
    page = client.get(f"/blocks/{cb.id}").get_data(as_text=True)
    assert "Comment préservez-vous sa pudeur ?" in _section_of(page, toilet.id)
    assert "Comment préservez-vous sa pudeur ?" not in _section_of(page, meals.id)
    assert f'href="#evidence-{toilet.id}"' in page  # listed among the open items at the top
    assert 'id="note-body-' not in page  # the candidate does not annotate
    client.post(f"/mentor/annotations/{note.id}/reply", data={"body": "Je ferme la porte et je la couvre."})
    page = client.get(f"/blocks/{cb.id}").get_data(as_text=True)
    assert "Je ferme la porte et je la couvre." in _section_of(page, toilet.id)


def test_a_note_on_evidence_of_another_block_is_refused(client, db, admissible_case, login_as):
    case, other = admissible_case(), admissible_case()
    login_as(other.candidate)
    _two_accounts(client, other.blocks[0])
    foreign = db.session.scalars(select(Evidence)).first()
    login_as(case.mentor)
    response = client.post(f"/mentor/blocks/{case.blocks[0].id}/annotations",
                           data={"kind": "comment", "body": "Bien.", "evidence_id": foreign.id})
    assert response.status_code == 404
    assert db.session.scalar(select(Annotation)) is None


def test_a_change_request_on_an_item_blocks_submission_until_resolved(client, db, admissible_case, login_as, cover_all):
    case = admissible_case()
    cb = case.blocks[0]
    cover_all(cb)
    evidence = db.session.scalars(select(Evidence).where(Evidence.case_block_id == cb.id)).first()
    login_as(case.mentor)
    client.post(f"/mentor/blocks/{cb.id}/annotations",
                data={"kind": "change_request", "body": "Ajoutez une date.", "evidence_id": evidence.id})
    note = db.session.scalar(select(Annotation))
    submit_on_the_page(client, db, login_as, cb)
    assert cb.state == "documenting"
    login_as(case.mentor)
    client.post(f"/mentor/annotations/{note.id}/resolve", data={})
    submit_on_the_page(client, db, login_as, cb)
    assert cb.state == "submitted"
