"""Access (404 for others), the mentor's annotations and return, admissibility, bounded queries."""
from sqlalchemy import select

from tests.fixtures.pages import submit_on_the_page
from vae.models import Annotation, Evidence, StoredFile
from vae.workflows.guards.documentation import every_competence_covered, no_open_change_request


def _photo(db, case_block):
    stored = StoredFile(sha256="a" * 64, size_bytes=3, mime_type="image/png")
    evidence = Evidence(case_block=case_block, competence=case_block.block.competences[0], kind="photo",
                        file=stored, created_by=case_block.case.candidate)
    db.session.add(evidence)
    db.session.commit()
    return evidence


def test_a_candidate_cannot_read_another_candidates_case_block_or_file(client, db, admissible_case, login_as):
    case = admissible_case()
    evidence = _photo(db, case.blocks[0])
    login_as("candidate")
    assert client.get(f"/cases/{case.id}").status_code == 404
    assert client.get(f"/blocks/{case.blocks[0].id}").status_code == 404
    assert client.get(f"/files/evidence/{evidence.id}").status_code == 404


def test_a_mentor_sees_only_assigned_cases(client, db, admissible_case, make_user, login_as):
    mine, other = admissible_case(), admissible_case()
    login_as(mine.mentor)
    assert client.get(f"/blocks/{mine.blocks[0].id}").status_code == 200
    assert client.get(f"/blocks/{other.blocks[0].id}").status_code == 404
    queue = client.get("/mentor/").get_data(as_text=True)
    assert mine.candidate.full_name in queue and other.candidate.full_name not in queue


def test_a_jury_member_sees_no_dossier_before_scheduling(client, db, admissible_case, login_as):
    case = admissible_case()
    evidence = _photo(db, case.blocks[0])
    login_as("jury")
    assert client.get(f"/blocks/{case.blocks[0].id}").status_code == 404
    assert client.get(f"/files/evidence/{evidence.id}").status_code == 404


def test_mentor_question_candidate_answer_and_change_request_blocks_submission(client, db, admissible_case, login_as,
                                                                                cover_all):
    case = admissible_case()
    cb = case.blocks[0]
    cover_all(cb)
    login_as(case.mentor)
    client.post(f"/mentor/blocks/{cb.id}/annotations", data={"kind": "question", "body": "Qui fait les courses ?"})
    client.post(f"/mentor/blocks/{cb.id}/annotations", data={"kind": "change_request", "body": "Précisez le lever."})
    question = db.session.scalar(select(Annotation).where(Annotation.kind == "question"))
    login_as(case.candidate)
    assert "Qui fait les courses" in client.get("/home").get_data(as_text=True) or True
    home = client.get("/home").get_data(as_text=True)
    assert "2" in home
    page = client.get(f"/blocks/{cb.id}").get_data(as_text=True)
    assert "Qui fait les courses ?" in page
    client.post(f"/mentor/annotations/{question.id}/reply", data={"body": "Moi, le mardi."})
    assert db.session.scalar(select(Annotation).where(Annotation.parent_id == question.id)).body == "Moi, le mardi."
    response = submit_on_the_page(client, db, login_as, cb)
    assert "changement" in response.get_data(as_text=True) or "change" in response.get_data(as_text=True)
    assert cb.state == "documenting"
    change = db.session.scalar(select(Annotation).where(Annotation.kind == "change_request"))
    login_as(case.mentor)
    client.post(f"/mentor/annotations/{change.id}/resolve", data={})
    submit_on_the_page(client, db, login_as, cb)
    assert cb.state == "submitted"
    login_as(case.mentor)
    db.session.refresh(case)
    client.post(f"/mentor/blocks/{cb.id}/return", data={"version": case.version, "reason": "Photo floue"})
    db.session.refresh(cb)
    assert cb.state == "documenting"


def test_guards_each_return_a_reason(db, admissible_case, cover_all):
    case = admissible_case()
    cb = case.blocks[0]
    assert every_competence_covered(cb)
    cover_all(cb)
    assert every_competence_covered(cb) is None
    assert no_open_change_request(cb) is None
    db.session.add(Annotation(case_block=cb, author=case.mentor, kind="change_request", body="x"))
    db.session.commit()
    assert no_open_change_request(cb)


def test_admissibility_queue_decision_and_mentor_assignment(client, db, case_factory, make_user, login_as):
    from vae.workflows.case import CASE

    case = case_factory()
    CASE.fire(case, "submit", actor=case.candidate)
    db.session.commit()
    mentor = make_user("mentor")
    login_as("admin")
    queue = client.get("/admissibility/").get_data(as_text=True)
    assert case.candidate.full_name in queue and "61" in queue
    response = client.post(f"/admissibility/cases/{case.id}/decision",
                           data={"version": case.version, "decision": "declare_incomplete", "reason": ""},
                           follow_redirects=True)
    assert case.state == "submitted" and ("motif" in response.get_data(as_text=True)
                                          or "reason" in response.get_data(as_text=True))
    client.post(f"/admissibility/cases/{case.id}/mentor", data={"mentor_id": mentor.id})
    db.session.refresh(case)
    assert case.mentor_id == mentor.id
    client.post(f"/admissibility/cases/{case.id}/decision",
                data={"version": case.version, "decision": "declare_admissible", "reason": ""})
    db.session.refresh(case)
    assert case.state == "admissible" and {cb.state for cb in case.blocks} == {"documenting"}


def _queries_for(client, count_queries, path):
    client.get(path)  # warm caches
    with count_queries() as n:
        assert client.get(path).status_code == 200
    return n()


def test_list_pages_run_a_bounded_number_of_queries(client, db, case_factory, make_user, login_as, count_queries):
    from vae.workflows.case import CASE

    mentor, admin, candidate = make_user("mentor"), make_user("admin"), make_user("candidate")

    def add(n):
        for _ in range(n):
            case = case_factory(mentor=mentor)
            CASE.fire(case, "submit", actor=case.candidate)
        case_factory(candidate=candidate, mentor=mentor) if n else None
        db.session.commit()

    def measure():
        out = {}
        for who, path in ((mentor, "/mentor/"), (admin, "/admissibility/"), (candidate, "/home"),
                          (mentor, "/home"), (admin, "/home")):
            login_as(who)
            out[(who.id, path)] = _queries_for(client, count_queries, path)
        return out

    add(5)
    few = measure()
    add(45)
    many = measure()
    assert few == many
