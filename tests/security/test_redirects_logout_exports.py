"""Items 8, 11, 16, 20: formula cells in CSV, open redirects through `next`, a copied session cookie
after logout, and admin file downloads in the journal."""
from __future__ import annotations

import csv
import io
from urllib.parse import quote

import pytest
from sqlalchemy import select

from tests.candidate.conftest import admissible_case  # noqa: F401  (fixture)
from vae.models import AuditEvent, Evidence
from vae.security.csv_cells import neutralise
from vae.security.redirects import safe_local_path

HOSTILE_NEXT = ["/%09/evil.example", "/\t/evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example",
                "https://evil.example/", "/\r\nSet-Cookie:x=1", "/\n/evil.example", " //evil.example",
                "javascript:alert(1)", "/ /evil.example", "/%0d%0a"]


def _login(client, email, next_value=None):
    """`next` goes into the query as an attacker writes it (its %-escapes are kept as they are)."""
    url = "/auth/login" if next_value is None else "/auth/login?next=" + quote(next_value, safe="/%:@?=&")
    return client.post(url, data={"email": email, "password": "correct horse battery"})


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_never_redirects_to_another_site(client, make_user, target):
    user = make_user("candidate")
    response = _login(client, user.email, target)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "evil.example" not in location and "\r" not in location and "\n" not in location
    assert location.startswith("/") and not location.startswith("//") and "\t" not in location


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_the_language_switch_never_redirects_to_another_site(client, target):
    from urllib.parse import unquote

    response = client.post("/language", data={"language": "en", "next": unquote(target)})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "evil.example" not in location and location.startswith("/") and not location.startswith("//")


def test_a_local_next_is_still_followed(client, make_user):
    user = make_user("candidate")
    assert _login(client, user.email, "/my/blocks?x=1").headers["Location"] == "/my/blocks?x=1"
    assert safe_local_path("/cases/3") == "/cases/3"


def test_a_copied_session_cookie_is_dead_after_logout(app, make_user):
    user = make_user("candidate")
    browser = app.test_client()
    assert _login(browser, user.email).status_code == 302
    stolen = browser.get_cookie("session").value
    assert browser.post("/auth/logout").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/home").status_code == 302  # back to the login page
    assert "/auth/login" in thief.get("/home").headers["Location"]


@pytest.mark.parametrize("label", ['=HYPERLINK("https://evil.example","Cliquez")', "+1+1", "-2+3", "@SUM(A1)",
                                   "\t=1", "\r=1"])
def test_a_csv_export_never_carries_a_formula(client, db, titles, case_factory, login_as, label):
    title = titles["RNCP37780"]
    title.label = label
    case_factory(rncp="RNCP37780")
    db.session.commit()
    login_as("admin")
    response = client.get("/dashboard/figures.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    labels = [row[2] for row in rows if row[0] == "cases_per_title"]
    assert labels == ["'" + label]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_numbers_stay_numbers():
    assert neutralise(-3) == -3 and neutralise("Aide à domicile") == "Aide à domicile"


def test_an_admin_download_of_a_candidate_file_is_journalled(client, db, admissible_case, login_as,  # noqa: F811
                                                              make_user):
    case = admissible_case()
    login_as(case.candidate)
    pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    client.post(f"/blocks/{case.blocks[0].id}/evidence", data={
        "competence_id": case.blocks[0].block.competences[0].id, "kind": "document", "title": "", "body": "",
        "file": (io.BytesIO(pdf), "piece.pdf")}, content_type="multipart/form-data")
    evidence = db.session.scalar(select(Evidence))
    admin = login_as("admin")
    assert client.get(f"/files/evidence/{evidence.id}").data == pdf
    entry = db.session.scalar(select(AuditEvent).where(AuditEvent.event == "file_downloaded"))
    assert entry is not None and entry.actor_id == admin.id and entry.subject_id == evidence.id
    assert entry.case_id == case.id
