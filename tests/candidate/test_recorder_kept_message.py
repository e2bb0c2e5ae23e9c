"""Once a recording is kept, the recorder says what was kept and names the button of the form it is
on: "Enregistrer l’expérience" on the experience form, not the evidence form's "Ajouter"."""
from __future__ import annotations

import html
import re

from vae.extensions import db


def _kept_messages(client, url: str) -> dict[str, str]:
    page = client.get(url)
    assert page.status_code == 200
    found = re.findall(r'data-kept-(audio|video)="([^"]*)"', page.get_data(as_text=True))
    return {kind: html.unescape(text) for kind, text in found}


def test_the_experience_form_names_the_voice_recording_and_its_own_button(client, admissible_case, login_as):
    case = admissible_case()
    login_as(case.candidate)
    kept = _kept_messages(client, f"/cases/{case.id}/experiences/new")
    assert kept["audio"] == "Enregistrement vocal gardé : appuyez sur « Enregistrer l’expérience » pour l’envoyer."

    case.candidate.locale = "en"
    db.session.commit()
    kept = _kept_messages(client, f"/cases/{case.id}/experiences/new")
    assert kept["audio"] == "Voice recording kept: press “Save the experience” to send it."


def test_the_evidence_form_names_the_recording_kept_and_its_add_button(client, admissible_case, login_as):
    case = admissible_case()
    login_as(case.candidate)
    kept = _kept_messages(client, f"/blocks/{case.blocks[0].id}")
    assert kept["audio"] == "Enregistrement vocal gardé : appuyez sur « Ajouter » pour l’envoyer."
    assert kept["video"] == "Vidéo gardée : appuyez sur « Ajouter » pour l’envoyer."
