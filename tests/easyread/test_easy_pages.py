"""Every page a candidate sees, in easy-read mode: the next step in one sentence at the top, the four phase
pictograms with the current one marked, what the page is for; in the usual mode none of it."""
from __future__ import annotations

import re

import pytest

NEXT = "Ce que vous devez faire maintenant :"


def _easy_on(client):
    response = client.post("/easy-read", data={"easy_read": "on", "next": "/home"})
    assert response.status_code == 302


def _banner(html: str) -> str:
    found = re.search(r'<section class="easy-read-top".*?</section>', html, re.S)
    assert found, "no easy-read banner at the top of the page"
    return found.group(0)


def _assert_easy(html: str, sentence: str, phase: str, page_line: str) -> None:
    banner = _banner(html)
    assert NEXT in banner and sentence in banner
    for name in ("identification", "documentation", "assessment", "certification"):
        picture = re.search(rf'<img src="/static/img/phases/{name}\.svg" alt="([^"]+)"', banner)
        assert picture and picture.group(1).strip(), f"no pictogram with a text alternative for {name}"
    current = re.search(r'<li class="easy-phase current" aria-current="step">\s*<img src="/static/img/phases/(\w+)\.svg"',
                        banner)
    assert current and current.group(1) == phase
    assert page_line in banner
    assert '<body class="easy-read">' in html
    # The banner comes before the page's own heading.
    assert html.index("easy-read-top") < html.index("<h1")


def _candidate_pages(case):
    """(url, a line of that page's easy-read text) for every page a candidate sees."""
    cb = case.blocks[0]
    experience = case.experiences[0]
    return [
        ("/home", "C’est votre page d’accueil."),
        ("/cases/new", "Ici, vous choisissez un diplôme."),
        (f"/cases/new?title_id={case.title_id}", "Un bloc est une partie du diplôme."),
        (f"/cases/{case.id}", "Cette page montre votre demande."),
        (f"/cases/{case.id}/experiences/new", "Ici, vous décrivez un travail que vous avez fait."),
        (f"/cases/{case.id}/experiences/{experience.id}", "Ici, vous changez un travail que vous avez fait."),
        (f"/blocks/{cb.id}/self-assessment", "Il n’y a pas de mauvaise réponse."),
        (f"/blocks/{cb.id}", "Cette page montre un bloc de votre demande."),
        ("/my/blocks", "Cette page montre tous vos blocs."),
        ("/jury/my-results", "Cette page montre les résultats du jury."),
        ("/profile", "Ici, vous pouvez changer votre nom, votre téléphone et votre langue."),
        ("/security/account", "Ici, vous pouvez vous déconnecter sur tous vos appareils."),
        ("/privacy/my-data", "Ici, vous pouvez télécharger toutes les informations que nous avons sur vous."),
        ("/catalog/", "Ici, vous voyez les diplômes que vous pouvez avoir."),
        (f"/catalog/titles/{case.title_id}", "Cette page montre un diplôme et ses blocs."),
    ]


def test_every_candidate_page_of_a_draft_shows_the_next_step_and_the_phases(client, login_as, case_at):
    case = case_at("draft")
    login_as(case.candidate)
    _easy_on(client)
    for url, line in _candidate_pages(case):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_easy(response.get_data(as_text=True), "Envoyez votre demande au certificateur.", "identification", line)


# The block page at each moment: the dossier, the submission, the convocation, the result.
@pytest.mark.parametrize("moment, sentence, phase, line", [
    ("documenting", "Ajoutez une preuve pour chaque compétence du bloc RNCP37780BC01.", "documentation",
     "Pour chaque compétence, ajoutez une preuve : un texte, une photo, un enregistrement ou un document."),
    ("submitted", "Attendez la date de votre entretien pour le bloc RNCP37780BC01.", "documentation",
     "Vous avez envoyé ce bloc au jury."),
    ("scheduled", "Allez à votre entretien avec le jury pour le bloc RNCP37780BC01.", "assessment",
     "Votre convocation donne la date, l’heure et le lieu."),
    ("validated", "Attendez votre certificat pour le bloc RNCP37780BC01.", "certification",
     "Le jury a donné son résultat : vous avez ce bloc."),
    ("not_validated", "Lisez le résultat du jury pour le bloc RNCP37780BC01 et parlez avec votre accompagnateur.",
     "certification", "Le jury a donné son résultat : vous n’avez pas encore ce bloc."),
    ("certified", "Téléchargez votre certificat dans « Mes blocs ».", "certification",
     "Votre certificat est dans « Mes blocs »."),
])
def test_the_block_case_and_home_pages_follow_the_case(client, login_as, case_at, moment, sentence, phase, line):
    case = case_at(moment)
    login_as(case.candidate)
    _easy_on(client)
    _assert_easy(client.get(f"/blocks/{case.blocks[0].id}").get_data(as_text=True), sentence, phase, line)
    _assert_easy(client.get(f"/cases/{case.id}").get_data(as_text=True), sentence, phase,
                 "Cette page montre votre demande.")
    if case.state != "closed":  # a closed case is no longer the candidate's current one
        _assert_easy(client.get("/home").get_data(as_text=True), sentence, phase, "C’est votre page d’accueil.")


def test_the_step_links_to_the_block_it_is_about(client, login_as, case_at):
    case = case_at("documenting")
    login_as(case.candidate)
    _easy_on(client)
    banner = _banner(client.get("/home").get_data(as_text=True))
    assert f'<a href="/blocks/{case.blocks[0].id}">Ajoutez une preuve' in banner


def test_a_candidate_without_a_case_is_told_to_choose_a_diploma(client, login_as):
    login_as("candidate")
    _easy_on(client)
    banner = _banner(client.get("/home").get_data(as_text=True))
    assert "Choisissez un diplôme et commencez votre demande." in banner


def test_the_usual_mode_shows_none_of_it(client, login_as, case_at):
    case = case_at("documenting")
    login_as(case.candidate)
    for url, line in _candidate_pages(case):
        html = client.get(url).get_data(as_text=True)
        assert NEXT not in html and "img/phases/" not in html and line not in html, url
        assert "<body>" in html
        assert "Facile à lire" in html  # the switch is on every page


def test_staff_pages_keep_their_text_and_have_no_switch(client, login_as, make_user, db):
    mentor = make_user("mentor")
    mentor.easy_read = True  # even if the preference were set
    db.session.commit()
    login_as(mentor)
    html = client.get("/home").get_data(as_text=True)
    assert NEXT not in html and "Facile à lire" not in html and "<body>" in html


def test_the_easy_texts_are_in_english_on_an_english_page(client, login_as, case_at, db):
    case = case_at("documenting")
    case.candidate.locale = "en"
    db.session.commit()
    login_as(case.candidate)
    with client.session_transaction() as session:
        session["locale"] = "en"
    _easy_on(client)
    banner = _banner(client.get(f"/cases/{case.id}").get_data(as_text=True))
    assert "What you must do now:" in banner and "Add a proof for each skill of block RNCP37780BC01." in banner
