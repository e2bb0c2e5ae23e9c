"""Funding information per title: CPF by default for titles of the registers, edited and imported by
certifier staff (every CSV line checked before anything is written), shown on the title page."""
from __future__ import annotations

import html
import io
import re

from sqlalchemy import func, select

from vae.models import AuditEvent, TitleFunding

GOOD = """rncp_code,kind,available,label,url,note
RNCP37780,france_travail,yes,Aide individuelle à la formation (AIF),https://www.francetravail.fr/candidat/aif,Pour les demandeurs d'emploi
RNCP37780,cpf,no,,,
RNCP37792,employer,oui,Plan de développement des compétences,,Parlez-en à votre employeur
"""
BAD = """rncp_code,kind,available,label,url,note
RNCP37780,france_travail,yes,Aide individuelle,https://www.francetravail.fr/aif,
RNCP00000,cpf,yes,,,
RNCP37780,lottery,maybe,Loterie,javascript:alert(1),
RNCP37780,regional,yes,Région
"""


def _text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(response.get_data(as_text=True)))


def _upload(client, content: str):
    return client.post("/catalog/funding/import",
                       data={"file": (io.BytesIO(content.encode()), "funding.csv")},
                       content_type="multipart/form-data")


def _count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(TitleFunding))


def test_an_rncp_title_shows_the_cpf_by_default(client, titles):
    page = _text(client.get(f"/catalog/titles/{titles['RNCP37780'].id}"))
    assert "Compte personnel de formation (CPF)" in page and "Éligible au CPF" in page


def test_a_good_csv_file_is_imported_and_shown_on_the_title_pages(db, client, login_as, titles):
    login_as("admin")
    response = _upload(client, GOOD)
    assert response.status_code == 302
    assert _count(db) == 3
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.event == "funding_imported")) == 1
    page = _text(client.get(f"/catalog/titles/{titles['RNCP37780'].id}"))
    assert "Aide individuelle à la formation (AIF)" in page
    assert 'href="https://www.francetravail.fr/candidat/aif"' in page
    assert "Éligible au CPF" not in page  # the certifier said no
    other = _text(client.get(f"/catalog/titles/{titles['RNCP37792'].id}"))
    assert "Plan de développement des compétences" in other and "Éligible au CPF" in other


def test_a_bad_csv_file_writes_nothing_and_names_every_wrong_line(db, client, login_as, titles):
    login_as("admin")
    response = _upload(client, BAD)
    assert response.status_code == 400
    page = _text(response)
    assert "Ligne 3 : Aucun titre de code « RNCP00000 » dans le catalogue." in page
    assert "Ligne 4 : Type de financement inconnu « lottery »" in page
    assert "Ligne 4 : Le lien doit être une adresse web" in page
    assert "Ligne 4 : « available » doit valoir yes ou no, pas « maybe »." in page
    assert "Ligne 5 : 4 colonnes au lieu de 6." in page
    assert "Ligne 2" not in page  # the good line is not blamed, and not written either
    assert _count(db) == 0


def test_a_file_with_wrong_columns_is_refused(db, client, login_as, titles):
    login_as("admin")
    response = _upload(client, "code;kind\nRNCP37780;cpf\n")
    assert response.status_code == 400 and "Ligne 1 : les colonnes doivent être" in _text(response)
    assert _count(db) == 0


def test_certifier_staff_edit_the_funding_of_a_title(db, client, login_as, titles):
    title = titles["RNCP37780"]
    login_as("admin")
    form = client.get(f"/catalog/titles/{title.id}/funding")
    assert form.status_code == 200 and '<input checked id="cpf-available"' in form.text
    data = {"cpf-available": "", "regional-available": "y", "regional-funding_label": "Pass formation Région",
            "regional-url": "https://www.region.fr/pass", "regional-note": "Sous conditions de ressources"}
    assert client.post(f"/catalog/titles/{title.id}/funding", data=data).status_code == 302
    page = _text(client.get(f"/catalog/titles/{title.id}"))
    assert "Pass formation Région" in page and "Sous conditions de ressources" in page
    assert "Éligible au CPF" not in page
    bad = dict(data, **{"regional-url": "ftp://example.org/x"})
    response = client.post(f"/catalog/titles/{title.id}/funding", data=bad)
    assert response.status_code == 400 and "Le lien doit être une adresse web" in _text(response)
    assert db.session.scalar(select(TitleFunding.url).where(TitleFunding.kind == "regional")) == \
        "https://www.region.fr/pass"


def test_only_certifier_staff_edit_or_import(db, client, login_as, titles):
    title = titles["RNCP37780"]
    for role in ("candidate", "jury", "mentor"):
        login_as(role)
        assert client.post(f"/catalog/titles/{title.id}/funding", data={"cpf-available": ""}).status_code == 403
        assert _upload(client, GOOD).status_code == 403
    assert _count(db) == 0
