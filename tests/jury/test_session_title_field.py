"""The jury session form's title is typed (an RNCP code or words), not picked in a list of every title."""
from sqlalchemy import select

from vae.models import JurySession

FORM = {"starts_at": "2030-01-15T09:00", "location": "Salle 2", "capacity": "8"}


def _create(client, title: str):
    return client.post("/jury/admin/sessions", data=dict(FORM, title=title))


def _sessions_of(db, title):
    return db.session.scalars(select(JurySession).where(JurySession.title_id == title.id)).all()


def test_the_form_asks_for_a_code_instead_of_listing_every_title(client, titles, login_as):
    login_as("admin")
    page = client.get("/jury/admin/sessions").get_data(as_text=True)
    assert 'name="title"' in page and "Assistant de vie dépendance" not in page and "<option" not in page


def test_a_typed_rncp_code_creates_the_session_for_that_title(client, db, titles, login_as):
    login_as("admin")
    response = _create(client, "rncp37792")
    assert response.status_code == 302
    assert len(_sessions_of(db, titles["RNCP37792"])) == 1
    assert _create(client, "37780").status_code == 302  # the digits alone are enough
    assert len(_sessions_of(db, titles["RNCP37780"])) == 1


def test_words_that_name_one_title_are_enough(client, db, titles, login_as):
    login_as("admin")
    assert _create(client, "employe familial").status_code == 302
    assert len(_sessions_of(db, titles["RNCP37792"])) == 1


def test_an_unknown_code_says_so_and_creates_nothing(client, db, titles, login_as):
    login_as("admin")
    response = _create(client, "RNCP99999")
    assert response.status_code == 400
    assert "Aucun titre actif n’a le code RNCP RNCP99999." in response.get_data(as_text=True)
    assert db.session.scalars(select(JurySession)).all() == []


def test_an_inactive_title_cannot_get_a_session(client, db, titles, login_as):
    login_as("admin")
    titles["RNCP37795"].active = False
    db.session.commit()
    response = _create(client, "RNCP37795")
    assert response.status_code == 400 and "RNCP37795" in response.get_data(as_text=True)
    assert _sessions_of(db, titles["RNCP37795"]) == []


def test_words_that_match_several_titles_name_them_and_ask_for_the_code(client, db, titles, login_as):
    login_as("admin")
    response = _create(client, "particulier")  # a word of the blocks of more than one title
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and "Plusieurs titres correspondent" in text
    assert "RNCP37780" in text and "RNCP37792" in text
    nothing = _create(client, "astronaute")
    assert nothing.status_code == 400 and "Aucun titre actif ne correspond" in nothing.get_data(as_text=True)
    assert db.session.scalars(select(JurySession)).all() == []
