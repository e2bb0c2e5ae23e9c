"""Every state, event, phase and enumerated value a person reads has its words, in French too."""
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from vae.jury.forms import (
    DECISION_CHOICES,
    GENDER_CHOICES,
    IDENTITY_CHOICES,
    LEVEL_CHOICES,
    LINK_CHOICES,
    OUTCOME_CHOICES,
    QUALIFICATION_CHOICES,
)
from vae.jury.results import RESULT_LABELS
from vae.mentor.forms import AnnotationForm
from vae.models.states import (
    BLOCK_STATES,
    CASE_STATES,
    CLAIM_STATES,
    DECISIONS,
    GENDERS,
    IDENTITY_DOCUMENTS,
    INTERVIEW_OUTCOMES,
    JURY_LINKS,
    JURY_QUALIFICATIONS,
    SCORE_LEVELS,
)
from vae.workflows.labels import NEED_LABELS, STATE_LABELS
from vae.workflows.phases import PHASE_LABELS, PHASE_OF_BLOCK_STATE, PHASE_OF_CASE_STATE, PHASES
from vae.workflows.tables import WORKFLOWS, event_label

CATALOG = Path(__file__).resolve().parents[2] / "vae/translations/fr/LC_MESSAGES/messages.po"


@pytest.fixture(scope="module")
def french():
    with CATALOG.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def _untranslated(labels, french) -> list[str]:
    return [label._args[0] for label in labels if not french.get(label._args[0])]


def test_every_state_has_a_label_translated_into_french(french):
    assert set(CASE_STATES) | set(BLOCK_STATES) | set(CLAIM_STATES) == set(STATE_LABELS)
    assert _untranslated(STATE_LABELS.values(), french) == []


def test_every_transition_carries_a_label_translated_into_french(french):
    labels = [t.label for wf in WORKFLOWS for t in wf.transitions]
    assert all(hasattr(label, "_args") for label in labels), "labels are lazy msgids"
    assert _untranslated(labels, french) == []
    assert _untranslated(NEED_LABELS.values(), french) == []
    needs = {n for wf in WORKFLOWS for t in wf.transitions for n in t.needs}
    assert needs <= set(NEED_LABELS)


def test_an_event_without_a_transition_has_no_label_to_fall_back_on(app):
    with pytest.raises(KeyError):
        event_label("no_such_event")


def test_every_state_belongs_to_one_of_the_four_phases(french):
    assert PHASES == ("identification", "documentation", "assessment", "certification")
    assert set(PHASE_OF_BLOCK_STATE) == set(BLOCK_STATES) and set(PHASE_OF_CASE_STATE) == set(CASE_STATES)
    assert set(PHASE_OF_BLOCK_STATE.values()) == set(PHASES) == set(PHASE_LABELS)
    assert _untranslated(PHASE_LABELS.values(), french) == []


@pytest.mark.parametrize("values, choices", [
    (INTERVIEW_OUTCOMES[1:], OUTCOME_CHOICES),  # "pending" is never chosen, it is shown as a result
    (SCORE_LEVELS, LEVEL_CHOICES),
    (DECISIONS, DECISION_CHOICES),
    (JURY_QUALIFICATIONS, QUALIFICATION_CHOICES),
    (GENDERS, GENDER_CHOICES),
    (IDENTITY_DOCUMENTS, IDENTITY_CHOICES),
    (JURY_LINKS, LINK_CHOICES),
])
def test_every_enumerated_value_offered_in_a_form_has_a_french_label(french, values, choices):
    labelled = dict(choices)
    assert set(values) <= set(labelled)
    assert _untranslated([labelled[v] for v in values], french) == []


def test_results_and_annotation_kinds_have_french_labels(app, french):
    assert set(INTERVIEW_OUTCOMES) - {"held"} <= set(RESULT_LABELS)
    assert _untranslated(RESULT_LABELS.values(), french) == []
    with app.test_request_context():
        kinds = AnnotationForm(meta={"csrf": False}).kind.choices
    assert _untranslated([label for _value, label in kinds], french) == []
