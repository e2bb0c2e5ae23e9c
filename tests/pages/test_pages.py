"""Layout, home per role, error pages, language."""
import pytest


@pytest.mark.parametrize("role, heading", [
    ("candidate", "Mes dossiers"),
    ("mentor", "Candidats que j'accompagne"),
    ("jury", "Mes sessions de jury"),
    ("admin", "Candidatures"),
])
def test_each_role_has_its_home_page(client, login_as, role, heading):
    login_as(role)
    page = client.get("/home").get_data(as_text=True)
    assert heading in page
    assert 'lang="fr"' in page and '<main id="main"' in page


def test_a_person_with_two_roles_sees_both_queues(client, make_user, login_as):
    user = make_user("mentor", "jury")
    login_as(user)
    page = client.get("/home").get_data(as_text=True)
    assert "Candidats que j'accompagne" in page and "Mes sessions de jury" in page


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get("/home")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_unknown_page_is_a_404_in_the_site_layout(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Introuvable" in page and "site-header" in page


def test_forbidden_page_is_a_403_in_the_site_layout(client, login_as):
    login_as("candidate")
    response = client.get("/admin/users")
    assert response.status_code == 403 and "Non autorisé" in response.get_data(as_text=True)


def test_an_unexpected_error_shows_no_stack_trace(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = client.get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "secret internals" not in page and "Traceback" not in page and "Un problème est survenu" in page


def test_french_by_default_and_english_by_choice(client, login_as, db):
    assert "Se connecter" in client.get("/auth/login").get_data(as_text=True)
    client.post("/language", data={"language": "en", "next": "/auth/login"})
    assert "Log in" in client.get("/auth/login").get_data(as_text=True)
    user = login_as("candidate")
    client.post("/language", data={"language": "en", "next": "/home"})
    db.session.refresh(user)
    assert user.locale == "en"
    assert "My applications" in client.get("/home").get_data(as_text=True)


def test_language_switch_never_redirects_elsewhere(client):
    response = client.post("/language", data={"language": "fr", "next": "//evil.example.org/"})
    assert response.headers["Location"] == "/"


def test_pages_are_readable_on_a_phone(client):
    page = client.get("/auth/login").get_data(as_text=True)
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
    assert '<label for="email">' in page
