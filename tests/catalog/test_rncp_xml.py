"""Reading the register XML, without a database."""
from __future__ import annotations

import io
from datetime import date

import pytest

from tests.catalog.register_samples import block, fiche_xml, register_xml
from vae.catalog import rncp_xml
from vae.catalog.rncp_xml import (Fiche, FicheProblem, RegisterFileError, Unchanged, competences_from_text, eqf_level,
                                  parse_date, read_fiches)


def read(data: bytes):
    return list(read_fiches(io.BytesIO(data)))


def test_a_fiche_is_read_with_its_blocks_competences_and_versions():
    [fiche] = read(register_xml(fiche_xml("RNCP90001", older=("RNCP10", "RNCP11"), newer=("RNCP99",))))
    assert isinstance(fiche, Fiche)
    assert (fiche.rncp_code, fiche.eqf_level, fiche.active, fiche.certifier_name) == ("RNCP90001", 3, True, "IPERIA")
    assert fiche.end_date == date(2029, 12, 31)
    assert [b.code for b in fiche.blocks] == ["RNCP90001BC01", "RNCP90001BC02"]
    assert [c.label for c in fiche.blocks[0].competences] == [
        "Identifier les besoins", "Adapter son intervention & rendre compte"]
    assert fiche.blocks[0].assessment_modalities == "Mise en situation professionnelle"
    assert fiche.older_codes == ("RNCP10", "RNCP11") and fiche.newer_codes == ("RNCP99",)


def test_competences_without_list_items_are_one_per_line():
    assert competences_from_text("- Accueillir<br/>• Écouter\n\n3) Rendre compte") == [
        "Accueillir", "Écouter", "Rendre compte"]


@pytest.mark.parametrize("text, level", [("NIV3", 3), ("NIV7", 7), ("Niveau 5", 5), ("", None), ("NIV0", None)])
def test_eqf_level_is_read_from_the_register_code(text, level):
    assert eqf_level(text) == level


def test_fiche_without_number_and_block_without_code_are_named_problems():
    items = read(register_xml(
        fiche_xml("RNCP1"),
        fiche_xml(None),
        fiche_xml("RNCP3", blocks=[block("RNCP3BC01", "A"), block(None, "Sans code")]),
        fiche_xml("RNCP4", level="NIV0")))
    assert isinstance(items[0], Fiche)
    assert items[1] == FicheProblem("fiche #2 (no NUMERO_FICHE)", "the fiche has no number (NUMERO_FICHE)")
    assert items[2] == FicheProblem("RNCP3", "block #2 has no code (CODE)")
    assert items[3].where == "RNCP4" and "EQF" in items[3].reason


def test_not_xml_and_wrong_root_are_refused_as_a_whole():
    with pytest.raises(RegisterFileError, match="well-formed"):
        read(b"RNCP;label\n1;2\n")
    with pytest.raises(RegisterFileError, match="root element is <CATALOGUE>"):
        read(b"<CATALOGUE><FICHE/></CATALOGUE>")


def test_a_file_broken_in_the_middle_names_the_last_good_fiche():
    data = register_xml(fiche_xml("RNCP1"), fiche_xml("RNCP2"))[:-30]
    with pytest.raises(RegisterFileError, match="after fiche RNCP1"):
        read(data)


def test_the_digest_changes_with_the_content_only():
    one = read(register_xml(fiche_xml("RNCP1")))[0]
    same = read(register_xml(fiche_xml("RNCP1")))[0]
    other = read(register_xml(fiche_xml("RNCP1", active="Non")))[0]
    assert one.digest == same.digest != other.digest


def test_the_digest_follows_competences_links_and_vae_openness():
    def digest(**kwargs) -> str:
        (fiche,) = read(register_xml(fiche_xml("RNCP70001", "Assistant de vie", **kwargs)))
        return fiche.digest

    plain = digest()
    assert digest() == plain
    assert digest(older=("RNCP60001",)) != plain
    assert digest(blocks=[block("RNCP70001BC01", "Accompagner", competences="- Écouter  - Aider")]) != digest(
        blocks=[block("RNCP70001BC01", "Accompagner", competences="- Écouter  - Rassurer")])


def test_a_fiche_whose_fingerprint_is_known_is_not_read_further():
    data = register_xml(fiche_xml("RNCP1"), fiche_xml("RNCP2"))
    first, second = read(data)
    known = {"RNCP1": first.digest, "RNCP2": "an older fingerprint"}
    assert list(read_fiches(io.BytesIO(data), known)) == [Unchanged("RNCP1"), second]


def test_the_fingerprint_follows_text_moving_between_elements():
    # Same tags and the same words in the same order, but in another element: another fiche.
    one = fiche_xml("RNCP1", blocks=[block("RNCP1BC01", "Accompagner", competences="- Écouter", modalities="")])
    other = fiche_xml("RNCP1", blocks=[block("RNCP1BC01", "Accompagner", competences="", modalities="- Écouter")])
    assert read(register_xml(one))[0].digest != read(register_xml(other))[0].digest


def test_a_new_reader_version_reads_every_fiche_again(monkeypatch):
    data = register_xml(fiche_xml("RNCP1"))
    (fiche,) = read(data)
    monkeypatch.setattr(rncp_xml, "READER_VERSION", "next")
    assert list(read_fiches(io.BytesIO(data), {"RNCP1": fiche.digest})) != [Unchanged("RNCP1")]


@pytest.mark.parametrize("text, expected", [("31/12/2029", date(2029, 12, 31)), ("1/2/2030", date(2030, 2, 1)),
                                            ("2029-12-31", date(2029, 12, 31)), ("", None)])
def test_end_dates_are_read_in_the_register_form_and_iso(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2030", "bientôt", "12/2029"])
def test_an_impossible_end_date_is_refused(text):
    with pytest.raises(ValueError):
        parse_date(text)
