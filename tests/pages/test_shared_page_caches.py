"""What every page shares is computed once and reused (vae/pages/role_nav.py, template_gettext.py):
each person still sees the links of their own roles, in their own language, at once."""
from contextlib import contextmanager

from flask import render_template, template_rendered
from flask_babel import force_locale


@contextmanager
def templates_rendered(app):
    names: list[str] = []

    def record(_sender, template, **_extra):
        names.append(template.name)

    template_rendered.connect(record, app)
    try:
        yield names
    finally:
        template_rendered.disconnect(record, app)


def nav_of(html: str) -> str:
    return html.split('<ul class="nav">', 1)[1].split("</ul>", 1)[0]


def test_each_person_sees_the_links_of_their_own_roles_and_language(app, client, login_as, make_user):
    admin = make_user("admin", first_name="Adèle", last_name="Admin")
    candidate = make_user("candidate", first_name="Camille", last_name="Candidat", locale="en")
    mentor = make_user("mentor", first_name="Maël", last_name="Mentor")
    for _ in range(2):  # the second round reads every nav from the cache
        login_as(admin)
        admin_nav = nav_of(client.get("/home").get_data(as_text=True))
        assert "Tableau de bord" in admin_nav and "Personnes" in admin_nav
        assert "Mes blocs" not in admin_nav and "My blocks" not in admin_nav

        login_as(candidate)
        page = client.get("/home").get_data(as_text=True)
        candidate_nav = nav_of(page)
        assert "My blocks" in candidate_nav and "Home" in candidate_nav
        assert "Dashboard" not in candidate_nav and "Tableau de bord" not in candidate_nav
        assert "Adèle" not in page and "Camille Candidat" in page

        login_as(mentor)
        page = client.get("/home").get_data(as_text=True)
        mentor_nav = nav_of(page)
        assert "Mes candidats" in mentor_nav and "Mes blocs" not in mentor_nav and "Personnes" not in mentor_nav
        assert "Camille" not in page and "Adèle" not in page


def test_the_nav_of_a_role_and_language_is_rendered_once(app, client, login_as, make_user):
    first, second = make_user("admin"), make_user("admin")
    with templates_rendered(app) as names:
        for user in (first, second, first):
            login_as(user)
            assert client.get("/home").status_code == 200
            assert client.get("/security/account").status_code == 200
    assert names.count("_role_nav.html") == 1
    assert len(names) == 7  # six pages and one nav


def test_a_language_switch_shows_english_at_once(client, login_as):
    login_as("candidate")
    assert "Mes blocs" in nav_of(client.get("/home").get_data(as_text=True))
    client.post("/language", data={"language": "en", "next": "/home"})
    page = client.get("/home").get_data(as_text=True)
    assert 'lang="en"' in page and "My blocks" in nav_of(page) and "Log out" in page
    client.post("/language", data={"language": "fr", "next": "/home"})
    assert "Mes blocs" in nav_of(client.get("/home").get_data(as_text=True))


def test_a_role_given_shows_its_links_on_the_next_page(client, db, login_as):
    person = login_as("candidate")
    assert "Tableau de bord" not in nav_of(client.get("/home").get_data(as_text=True))
    person.set_roles({"candidate", "admin"})
    db.session.commit()
    nav = nav_of(client.get("/home").get_data(as_text=True))
    assert "Tableau de bord" in nav and "Mes blocs" in nav


def test_a_visitor_sees_no_role_links(client, login_as):
    login_as("admin")
    assert "Tableau de bord" in nav_of(client.get("/home").get_data(as_text=True))
    visitor = client.application.test_client()
    page = visitor.get("/").get_data(as_text=True)
    assert nav_of(page).strip() == "" and "Tableau de bord" not in page


def test_a_page_rendered_in_french_inside_an_english_request_stays_french(app, login_as, make_user):
    """The PDFs render under force_locale('fr'): the page's `_` follows it, not the request's language."""
    with app.test_request_context():
        from flask import session

        session["locale"] = "en"
        english = render_template("pages/contact.html")
        with force_locale("fr"):
            french = render_template("pages/contact.html")
        again = render_template("pages/contact.html")
    assert "Skip to content" in english and "Skip to content" in again
    assert "Aller au contenu" in french and "Skip to content" not in french


def test_a_session_ended_everywhere_is_refused_though_its_nav_is_kept(client, db, login_as):
    from vae.auth import operations

    person = login_as("admin")
    assert "Tableau de bord" in nav_of(client.get("/home").get_data(as_text=True))
    operations.log_out_everywhere(person)
    db.session.commit()
    response = client.get("/home")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert "Tableau de bord" not in client.get("/").get_data(as_text=True)
