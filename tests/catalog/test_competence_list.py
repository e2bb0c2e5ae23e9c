"""Splitting LISTE_COMPETENCES as the real export flattens it (FORMAT.md), example and property tests."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vae.catalog.competence_list import MARKERS, CompetenceItem, split_competences


@pytest.mark.parametrize("text, expected", [
    ("- Analyser le dossier de l'affaire  - Proposer une ou plusieurs solutions …",
     [(None, "Analyser le dossier de l'affaire"), (None, "Proposer une ou plusieurs solutions …")]),
    ("* Valider le fonctionnement d’un réseau      * Coder      * Installer une infrastructure réseau",
     [(None, "Valider le fonctionnement d’un réseau"), (None, "Coder"), (None, "Installer une infrastructure réseau")]),
    ("A1C1. Evaluer … des activités        A1C2.Apprécier, depuis son périmètre …",
     [("A1C1", "Evaluer … des activités"), ("A1C2", "Apprécier, depuis son périmètre …")]),
    ("C.1. Organiser et conduire une réunion …      C.2. Analyser les besoins …",
     [("C.1", "Organiser et conduire une réunion …"), ("C.2", "Analyser les besoins …")]),
    ("Accueillir le public, en identifiant sa demande.      Renseigner un usager en adaptant sa communication.",
     [(None, "Accueillir le public, en identifiant sa demande."),
      (None, "Renseigner un usager en adaptant sa communication.")]),
    ("•   Écouter      -      • Rassurer   ", [(None, "Écouter"), (None, "Rassurer")]),  # empty fragments dropped
    ("<ul><li>Identifier les besoins</li><li>Adapter &amp; rendre compte</li></ul>",
     [(None, "Identifier les besoins"), (None, "Adapter & rendre compte")]),  # older HTML samples
    ("- Accueillir<br/>• Écouter\n\n3) Rendre compte", [(None, "Accueillir"), (None, "Écouter"), (None, "Rendre compte")]),
    ("", []),
])
def test_each_shape_of_the_register_gives_one_item_per_competence(text, expected):
    assert [(item.code, item.label) for item in split_competences(text)] == expected


def test_hierarchical_codes_are_flattened_with_the_parents_text_as_context():
    items = split_competences("1.1 Recueillir le besoin du client    1.1.1 Auditer les parties prenantes    "
                              "1.1.2 Formaliser le besoin    1.2 Chiffrer")
    assert items == [CompetenceItem("1.1", "Recueillir le besoin du client"),
                     CompetenceItem("1.1.1", "Auditer les parties prenantes", "Recueillir le besoin du client"),
                     CompetenceItem("1.1.2", "Formaliser le besoin", "Recueillir le besoin du client"),
                     CompetenceItem("1.2", "Chiffrer")]


# -- property: any list built from those shapes splits back into its items ---------------------
_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàçùâêîôûœ’'ABCDEFGHIJKLMNOPQRSTUVWXYZÉ", min_size=1, max_size=10)
_LABEL = st.lists(_WORD, min_size=1, max_size=8).map(" ".join).filter(
    lambda label: label[0].isalpha() and not re.match(r"[A-Z]{1,3}\.?\d", label))
_SHAPE = st.sampled_from(["dash", "star", "bullet", "letter_code", "tight_code", "dotted_code", "number_code",
                          "unmarked"])
_SEPARATOR = st.integers(min_value=2, max_value=8).map(lambda n: " " * n)


@st.composite
def flattened_lists(draw):
    """(the flattened text, the items it was built from as (code, label))."""
    items, parts = [], []
    for index in range(1, draw(st.integers(min_value=1, max_value=12)) + 1):
        shape, label = draw(_SHAPE), draw(_LABEL)
        code, text = {
            "dash": (None, f"- {label}"), "star": (None, f"* {label}"), "bullet": (None, f"• {label}"),
            "letter_code": (f"A1C{index}", f"A1C{index}. {label}"), "tight_code": (f"A2C{index}", f"A2C{index}.{label}"),
            "dotted_code": (f"C.{index}", f"C.{index}. {label}"), "number_code": (f"1.{index}", f"1.{index} {label}"),
            "unmarked": (None, label),
        }[shape]
        items.append((code, label))
        parts.append(text)
        if draw(st.booleans()) and draw(st.integers(0, 4)) == 0:
            parts.append(draw(st.sampled_from(["-", "*", "•"])))  # an empty fragment
    return draw(_SEPARATOR).join(parts), items


def squash(text: str) -> str:
    """The text modulo white space and markers (a code's final dot included)."""
    return re.sub(rf"[\s{re.escape(MARKERS)}.]", "", text)


@settings(max_examples=300, deadline=None)
@given(flattened_lists())
def test_joining_the_parsed_items_gives_back_the_original_text(built):
    text, items = built
    parsed = split_competences(text)
    joined = " ".join(f"{item.code} {item.label}" if item.code else item.label for item in parsed)
    assert squash(joined) == squash(text)
    assert [(item.code, item.label) for item in parsed] == items
