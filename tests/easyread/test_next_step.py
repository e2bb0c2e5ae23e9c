"""The next step of a case in one easy-read sentence, for every state a candidate meets, and its phase."""
from __future__ import annotations

import pytest

from tests.fixtures.builders import assert_ok
from vae.easyread.next_step import next_step
from vae.workflows.block import BLOCK
from vae.workflows.case import CASE

BLOCK_CODE = "RNCP37780BC01"


def _step(app, case):
    # A French page: the sentence the candidate reads.
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        return next_step(case)


@pytest.mark.parametrize("moment, sentence, phase", [
    ("draft", "Envoyez votre demande au certificateur.", "identification"),
    ("submitted-case", "Attendez la réponse du certificateur sur votre demande.", "identification"),
    ("incomplete", "Complétez votre demande, puis envoyez-la encore une fois.", "identification"),
    ("documenting", f"Ajoutez une preuve pour chaque compétence du bloc {BLOCK_CODE}.", "documentation"),
    ("submitted", f"Attendez la date de votre entretien pour le bloc {BLOCK_CODE}.", "documentation"),
    ("scheduled", f"Allez à votre entretien avec le jury pour le bloc {BLOCK_CODE}.", "assessment"),
    ("validated", f"Attendez votre certificat pour le bloc {BLOCK_CODE}.", "certification"),
    ("not_validated", f"Lisez le résultat du jury pour le bloc {BLOCK_CODE} et parlez avec votre accompagnateur.",
     "certification"),
    ("certified", "Téléchargez votre certificat dans « Mes blocs ».", "certification"),
])
def test_each_moment_of_a_case_says_what_to_do_now(app, case_at, moment, sentence, phase):
    step = _step(app, case_at(moment))
    assert (step.text, step.phase) == (sentence, phase)


def test_a_draft_says_first_what_stops_it_from_being_sent(app, db, case_factory, make_user):
    no_blocks = case_factory(block_codes=())
    assert _step(app, no_blocks).text == "Choisissez les blocs du diplôme que vous voulez."
    no_experience = case_factory()
    no_experience.experiences = []
    db.session.commit()
    assert _step(app, no_experience).text == "Décrivez votre expérience de travail."
    unconfirmed = case_factory(candidate=make_user("candidate", confirmed=False))
    assert _step(app, unconfirmed).text == "Confirmez votre adresse e-mail avec le message que nous vous avons envoyé."


def test_a_complete_dossier_is_to_be_sent_and_an_open_question_comes_first(app, db, case_at, cover_all, make_user):
    from vae.mentor.operations import annotate

    mentor = make_user("mentor")
    case = case_at("documenting", mentor=mentor)
    cover_all(case.blocks[0])
    assert _step(app, case).text == f"Envoyez le bloc {BLOCK_CODE} au jury."
    annotate(case.blocks[0], mentor, kind="question", body="Depuis quand ?", evidence_id=None)
    db.session.commit()
    step = _step(app, case)
    assert step.text == f"Répondez à la question de votre accompagnateur dans le bloc {BLOCK_CODE}."
    assert step.case_block is case.blocks[0]


def test_the_block_where_the_candidate_acts_comes_before_the_one_where_they_wait(app, db, case_in, cover_all):
    from vae.core.clock import now

    case = case_in("admissible", block_codes=("RNCP37780BC01", "RNCP37780BC02"))
    first, second = case.blocks
    first.honour_signed_at = now()
    cover_all(first)
    assert_ok(BLOCK.fire(first, "submit", actor=case.candidate))
    db.session.commit()
    step = _step(app, case)
    assert step.case_block is second and step.text.endswith(f"du bloc {second.block.code}.")


def test_cases_that_ended_say_there_is_nothing_to_do(app, db, case_in, make_user):
    admin = make_user("admin")
    abandoned = case_in("draft")
    assert_ok(CASE.fire(abandoned, "abandon", actor=abandoned.candidate, reason="changed my mind"))
    refused = case_in("submitted")
    assert_ok(CASE.fire(refused, "declare_inadmissible", actor=admin, reason="not enough experience"))
    withdrawn = case_in("admissible")
    assert_ok(BLOCK.fire(withdrawn.blocks[0], "withdraw", actor=withdrawn.candidate, reason="later"))
    assert_ok(BLOCK.fire(withdrawn.blocks[1], "withdraw", actor=withdrawn.candidate, reason="later"))
    db.session.commit()
    assert _step(app, abandoned).text == "Vous n’avez rien à faire : vous avez arrêté cette demande."
    assert _step(app, refused).text == "Lisez la lettre du certificateur : votre demande est refusée."
    assert _step(app, withdrawn).text == "Vous n’avez rien à faire : cette demande est finie."
