"""What people read: the minutes in French words, the result only once signed, how to appeal, plain messages."""
import json
import re
import zipfile
from io import BytesIO

from pypdf import PdfReader

from vae.jury import operations
from vae.models import states


def _raw_values() -> set[str]:
    """Every enumerated value of the domain (vae/models/states.py) that a page must never show as is."""
    values = set()
    for name in dir(states):
        value = getattr(states, name)
        # Roles, locales and award sources are not shown as values ("jury", "en" are French words too).
        if name.isupper() and isinstance(value, tuple) and name not in ("ROLES", "LOCALES", "AWARD_SOURCES"):
            values |= {v for v in value if isinstance(v, str)}
    return values


def _decide_all(held, validated=(True, False)):
    for cb, ok in zip(held.case.blocks, validated):
        operations.decide_block(held.session, cb, validated=ok, rationale="" if ok else "Hygiène non maîtrisée",
                                recommendations="" if ok else "Refaire un stage en structure collective",
                                actor=held.president)


def test_the_minutes_pdf_shows_french_words_and_times_never_raw_values(db, client, login_as, held):
    operations.declare_links(held.session.members[1], {held.case.id: ("none", "")}, actor=held.member)
    _decide_all(held)
    operations.sign_session(held.session, actor=held.president)
    db.session.commit()
    login_as(held.admin)
    response = client.get(f"/jury/sessions/{held.session.id}/minutes.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.data)).pages)
    text = re.sub(r"\s+", " ", text)
    shown = sorted(v for v in _raw_values() if re.search(rf"(?<![\w’']){re.escape(v)}(?![\w])", text))
    assert shown == []
    assert "Professionnel" in text or "professionnel" in text  # the president's qualification, in words
    assert "Formateur" in text or "formateur" in text
    assert not re.search(r"\d\d:\d\d:\d\d|[+-]\d{4}\b|UTC", text)
    assert re.search(r"\d\d/\d\d/\d{4} à \d\d:\d\d", text)
    # The declarations and the identity check are part of the minutes.
    assert "Déclarations de liens" in text and "Aucun lien" in text
    assert "Identité vérifiée : Passeport" in text


def test_the_candidate_sees_nothing_of_the_decision_before_the_signature(db, client, login_as, held):
    _decide_all(held, validated=(True, True))
    db.session.commit()
    assert {cb.state for cb in held.case.blocks} == {"validated"}
    login_as(held.case.candidate)
    for url in (f"/cases/{held.case.id}", f"/blocks/{held.case.blocks[0].id}"):
        page = client.get(url).text
        assert "Entretien programmé" in page and "Validé" not in page, url
    assert "décision du jury" not in client.get("/my/blocks").text
    assert "Validé" not in client.get("/jury/my-results").text
    data = _exported(client)
    assert data["decisions"] == [] and data["block_awards"] == [] and data["title_awards"] == []
    assert {b["state"] for c in data["cases"] for b in c["blocks"]} == {"scheduled"}
    assert not [e for e in data["journal"] if e["to_state"] in ("validated", "not_validated")]

    operations.sign_session(held.session, actor=held.president)
    db.session.commit()
    assert "décision du jury" in client.get("/my/blocks").text
    assert "Validé" in client.get("/jury/my-results").text
    assert "Validé" in client.get(f"/cases/{held.case.id}").text
    data = _exported(client)
    assert len(data["decisions"]) == 2 and {b["state"] for c in data["cases"] for b in c["blocks"]} == {"validated"}


def _exported(client) -> dict:
    response = client.post("/privacy/my-data", follow_redirects=True)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    return json.loads(zipfile.ZipFile(BytesIO(response.data)).read("data.json"))


def test_a_block_not_validated_tells_how_to_appeal_and_shows_the_recommendations(db, client, login_as, held, app):
    _decide_all(held)
    operations.sign_session(held.session, actor=held.president)
    db.session.commit()
    app.config["APPEAL_DELAY_MONTHS"] = 3
    login_as(held.case.candidate)
    page = client.get("/jury/my-results").text
    assert "Refaire un stage en structure collective" in page
    assert "recours" in page and "3 mois" in page
    assert held.case.title.certifier_name in page or app.config["CERTIFIER_NAME"] in page
    assert page.count("recours") == 1  # only the block not validated


def test_the_president_is_told_in_plain_words(db, client, login_as, held):
    login_as(held.president)
    cb = held.case.blocks[0]
    page = client.post(f"/jury/sessions/{held.session.id}/blocks/{cb.id}/decide",
                       data={f"b{cb.id}-decision": "validated"}, follow_redirects=True).text
    assert "Le candidat la verra une fois la session signée" in page


def test_a_member_records_their_links_and_leaves_that_interview(db, client, login_as, scheduled):
    login_as(scheduled.member)
    form = client.get(f"/jury/sessions/{scheduled.session.id}/declarations")
    assert form.status_code == 200 and scheduled.case.candidate.full_name in form.text
    assert "Mme Dupont" in form.text  # the candidate's employer, from their experience
    page = client.post(f"/jury/sessions/{scheduled.session.id}/declarations",
                       data={f"link_{scheduled.case.id}": "taught_them", f"note_{scheduled.case.id}": "BTS 2019"},
                       follow_redirects=True).text
    assert "Vos déclarations sont enregistrées" in page
    assert "Vous avez un lien avec ce candidat" in page
    assert client.get(f"/jury/interviews/{scheduled.interview.id}").status_code == 403
    # The jury is now one member short for this candidate: the admin sees it.
    login_as(scheduled.admin)
    admin_page = client.get(f"/jury/admin/sessions/{scheduled.session.id}").text
    assert "Ce jury ne peut pas régulièrement évaluer ce candidat" in admin_page


def test_the_admin_corrects_a_qualification_without_removing_the_member(db, client, login_as, scheduled):
    member = scheduled.session.members[1]
    login_as(scheduled.admin)
    page = client.post(f"/jury/admin/sessions/{scheduled.session.id}/members/{member.id}/edit",
                       data={f"m{member.id}-qualification": "practising_professional", f"m{member.id}-gender": "",
                             f"m{member.id}-organisation": "EHPAD Les Tilleuls"}, follow_redirects=True).text
    assert "reste dans le jury" in page
    db.session.refresh(member)
    assert member.qualification == "practising_professional" and member in scheduled.session.members


def test_removing_a_member_that_breaks_a_booked_interview_is_refused_on_the_page(db, client, login_as, scheduled):
    member = scheduled.session.members[1]
    login_as(scheduled.admin)
    page = client.post(f"/jury/admin/sessions/{scheduled.session.id}/members/{member.id}/remove",
                       follow_redirects=True).text
    assert "sans jury régulièrement composé" in page
    db.session.expire_all()
    assert len(scheduled.session.members) == 2
