"""Recommendations after a partial validation: written by the president, read by the candidate on the result
page, the pathway page and the next application; in the minutes; nobody else writes or reads them."""
from __future__ import annotations

import html
import re
from io import BytesIO

from pypdf import PdfReader
from sqlalchemy import func, select

from tests.fixtures.refusals import reasons_of
from tests.pathways.conftest import sign_and_certify
from vae.jury.recommendations import write_recommendation
from vae.jury.results import decisions_of
from vae.models import BlockRecommendation, Case


def _url(partial):
    return f"/jury/sessions/{partial.session.id}/blocks/{partial.refused.id}/recommendation"


def _decision(partial):
    return next(d for d in decisions_of(partial.refused.interview) if d.case_block_id == partial.refused.id)


def _text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(response.get_data(as_text=True)))


def _record_as_president(client, login_as, partial, **data):
    login_as(partial.president)
    short = partial.refused.block.competences[1]
    form = {"shortfalls": [str(short.id)], "next_step": "experience", "experience_months": "6",
            "training_module": "", "note": "Observer un service de restauration collective."}
    form.update(data)
    return client.post(_url(partial), data=form), short


def test_the_president_is_sent_to_the_recommendations_when_refusing_a_block(db, client, login_as, case_in,
                                                                             make_user):
    from vae.demo.sitting import hold_sitting

    admin, president, member = make_user("admin"), make_user("jury"), make_user("jury")
    case = case_in("admissible", blocks="submitted", admin=admin)
    session = hold_sitting(case, admin=admin, president=president, member=member, decide=False)
    db.session.commit()
    block = case.blocks[1]
    login_as(president)
    response = client.post(f"/jury/sessions/{session.id}/blocks/{block.id}/decide",
                           data={f"b{block.id}-decision": "not_validated", f"b{block.id}-rationale": "Insuffisant",
                                 f"b{block.id}-version": str(case.version)})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/jury/sessions/{session.id}/blocks/{block.id}/recommendation")
    page = _text(client.get(response.headers["Location"]))
    assert "Compétences insuffisamment démontrées" in page and block.block.competences[0].label in page


def test_recommendations_flow_from_the_jury_to_the_result_page_the_minutes_and_the_next_case(
        db, client, login_as, partial):
    response, short = _record_as_president(client, login_as, partial)
    assert response.status_code == 302
    candidate = partial.case.candidate

    # Before the signature the candidate reads nothing of it.
    login_as(candidate)
    assert "Observer un service" not in _text(client.get("/jury/my-results"))
    assert "Observer un service" not in _text(client.get("/my/blocks"))

    sign_and_certify(db, partial)

    results = _text(client.get("/jury/my-results"))
    assert "Compétences insuffisamment démontrées" in results and short.label in results
    assert "une expérience professionnelle complémentaire de 6 mois" in results
    assert "Observer un service de restauration collective." in results

    pathway = _text(client.get("/my/blocks"))
    missing = pathway.split("Blocs restant à valider")[1]
    assert partial.refused.block.code in missing and short.label in missing
    assert "Éligible au CPF" in pathway  # the title's funding, CPF by default for an RNCP title
    assert "jury decision" not in pathway and "décision du jury" in pathway.split("Blocs restant à valider")[0]
    apply = f"/cases/new?title_id={partial.case.title_id}&amp;block={partial.refused.block_id}"
    assert apply in client.get("/my/blocks").get_data(as_text=True)

    # The minutes carry them (certifier staff print them).
    login_as(partial.admin)
    pdf = client.get(f"/jury/sessions/{partial.session.id}/minutes.pdf")
    minutes = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.data)).pages).split())
    assert "expérience professionnelle complémentaire de 6 mois" in minutes
    assert "Observer un service de restauration collective." in minutes

    # The next application for the block starts from them: preselected, then shown on the block's page.
    login_as(candidate)
    new_case = client.get(f"/cases/new?title_id={partial.case.title_id}&block={partial.refused.block_id}")
    assert f'value="{partial.refused.block_id}" id="block-{partial.refused.block_id}" checked' in new_case.text
    started = client.post(f"/cases/new?title_id={partial.case.title_id}",
                          data={"blocks": [str(partial.refused.block_id)]})
    assert started.status_code == 302
    case = db.session.scalar(select(Case).where(Case.candidate_id == candidate.id, Case.id != partial.case.id))
    [case_block] = case.blocks
    page = client.get(f"/blocks/{case_block.id}").get_data(as_text=True)
    assert "Ce que le jury vous a préconisé la dernière fois" in html.unescape(page)
    highlighted = re.findall(r'<section class="competence shortfall" aria-labelledby="c-(\d+)"', page)
    assert highlighted == [str(short.id)]
    # The pathway now shows the block in progress, no longer missing.
    pathway = _text(client.get("/my/blocks"))
    in_progress = pathway.split("Blocs en cours")[1].split("Blocs restant à valider")[0]
    assert partial.refused.block.code in in_progress
    assert partial.refused.block.code not in pathway.split("Blocs restant à valider")[1]


def test_recommendations_need_a_shortfall_or_a_next_step_and_bounded_months(db, partial):
    decision = _decision(partial)
    competence = partial.refused.block.competences[0]
    foreign = partial.validated.block.competences[0]

    def attempt(**kwargs):
        arguments = dict(competence_ids=[], next_step=None, experience_months=None, training_module="", note="",
                         actor=partial.president)
        arguments.update(kwargs)
        return reasons_of(lambda: write_recommendation(decision, **arguments))

    assert attempt() == ["Indiquez au moins une compétence insuffisante, ou conseillez une suite."]
    assert attempt(next_step="experience") == ["Indiquez l’expérience complémentaire en mois, de 1 à 60."]
    assert attempt(next_step="experience", experience_months=0) != []
    assert attempt(next_step="experience", experience_months=61) != []
    assert attempt(next_step="training") == ["Indiquez le nom du module de formation."]
    assert attempt(competence_ids=[foreign.id]) == ["Choisissez uniquement des compétences de ce bloc."]
    assert attempt(competence_ids=[competence.id], experience_months=3) == [
        "Un nombre de mois ne va qu’avec une expérience complémentaire."]
    assert attempt(competence_ids=[competence.id]) == []
    assert attempt(next_step="training", training_module="Module HACCP") == []
    db.session.commit()
    [row] = db.session.scalars(select(BlockRecommendation)).all()  # corrected, not added twice
    assert row.next_step == "training" and row.shortfalls == []


def test_the_form_refuses_months_out_of_bounds_with_a_400(db, client, login_as, partial):
    response, _ = _record_as_president(client, login_as, partial, experience_months="61")
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(BlockRecommendation)) == 0


def test_only_the_president_or_certifier_staff_write_them_and_not_after_signing(db, client, login_as, partial):
    form = {"next_step": "new_attempt"}
    login_as(partial.member)
    assert client.post(_url(partial), data=form).status_code == 403
    login_as(partial.case.candidate)
    assert client.post(_url(partial), data=form).status_code == 403
    login_as("jury")  # sits on no session
    assert client.post(_url(partial), data=form).status_code == 404
    assert db.session.scalar(select(func.count()).select_from(BlockRecommendation)) == 0
    login_as(partial.admin)
    assert client.post(_url(partial), data=form).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(BlockRecommendation)) == 1
    session_page = _text(client.get(f"/jury/admin/sessions/{partial.session.id}"))
    assert "Modifier les préconisations" in session_page and "une nouvelle candidature VAE" in session_page
    # A validated block has nothing to recommend.
    validated = f"/jury/sessions/{partial.session.id}/blocks/{partial.validated.id}/recommendation"
    assert client.post(validated, data=form).status_code == 409
    sign_and_certify(db, partial)
    login_as(partial.president)
    response = client.post(_url(partial), data={"next_step": "experience", "experience_months": "3"})
    assert response.status_code == 400
    assert "La session est signée" in _text(response) or "signées" in _text(response)
    db.session.expire_all()
    assert db.session.scalar(select(BlockRecommendation.next_step)) == "new_attempt"


def test_another_candidate_sees_none_of_them(db, client, login_as, partial, make_user):
    _record_as_president(client, login_as, partial)
    sign_and_certify(db, partial)
    login_as("candidate")
    for url in ("/my/blocks", "/jury/my-results"):
        assert "Observer un service" not in _text(client.get(url)), url
    assert client.get(f"/blocks/{partial.refused.id}").status_code == 404


def test_the_personal_data_export_carries_them_once_signed_and_not_before(db, client, login_as, partial):
    import io
    import json
    import zipfile

    _, short = _record_as_president(client, login_as, partial)
    login_as(partial.case.candidate)

    def exported():
        archive = zipfile.ZipFile(io.BytesIO(client.post("/privacy/my-data", follow_redirects=True).data))
        return json.loads(archive.read("data.json"))

    before = exported()
    assert before["recommendations"] == []
    assert not [e for e in before["journal"] if e["event"] == "recommendation_written"]
    sign_and_certify(db, partial)
    after = exported()
    [recommendation] = after["recommendations"]
    assert recommendation["experience_months"] == 6 and recommendation["shortfalls"] == [short.id]
