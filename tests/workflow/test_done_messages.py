"""After an operation, people read what happened in plain words, not the button's label."""
from pathlib import Path

from babel.messages.pofile import read_po

from vae.workflows.messages import DONE
from vae.workflows.tables import WORKFLOWS

CATALOG = Path(__file__).resolve().parents[2] / "vae/translations/fr/LC_MESSAGES/messages.po"


def test_every_event_of_the_tables_has_one_plain_message_in_french():
    with CATALOG.open("rb") as f:
        french = {m.id: m.string for m in read_po(f) if m.id}
    for workflow in WORKFLOWS:
        assert set(DONE[workflow.name]) == set(workflow.events), workflow.name
        for message in DONE[workflow.name].values():
            assert french.get(message._args[0]), message._args[0]


def test_sending_the_application_says_what_happens_next(client, db, case_factory, login_as):
    case = case_factory()
    login_as(case.candidate)
    page = client.post(f"/cases/{case.id}/event/submit", data={"version": case.version},
                       follow_redirects=True).get_data(as_text=True)
    assert case.state == "submitted"
    assert ("Votre candidature est envoyée : le certificateur a deux mois pour répondre, "
            "sans réponse elle est recevable") in page
    assert "C’est fait" not in page


def test_the_same_message_reads_in_english_for_an_english_speaker(client, db, case_factory, make_user, login_as):
    case = case_factory(candidate=make_user("candidate", locale="en"))
    login_as(case.candidate)
    page = client.post(f"/cases/{case.id}/event/submit", data={"version": case.version},
                       follow_redirects=True).get_data(as_text=True)
    assert "Your application is sent: the certifier has two months to answer" in page
