"""The reader cuts the file's bytes into fiches and fingerprints those bytes: an unchanged
fiche is not parsed, yet every file the reader accepted before is read the same way, and a
comment, CDATA section or declared encoding cannot make it cut a fiche in the wrong place."""
from __future__ import annotations

import io
from dataclasses import replace

import pytest

from tests.catalog.real_register import generated_real_fiche
from tests.catalog.register_samples import block, fiche_xml, register_xml
from vae.catalog import register_pieces, rncp_xml
from vae.catalog.rncp_xml import Fiche, RegisterFileError, Unchanged, read_fiches


def read(data: bytes, known=None):
    return list(read_fiches(io.BytesIO(data), known))


def digests(items) -> dict[str, str]:
    return {item.rncp_code: item.digest for item in items if isinstance(item, Fiche)}


@pytest.fixture
def parsed_fiches(monkeypatch):
    """The numbers of the fiches the reader builds from their XML (a counter around the real
    function, which still does the work)."""
    numbers: list[str] = []
    real = rncp_xml.fiche_from_element

    def counted(element, position, digest=None):
        item = real(element, position, digest)
        numbers.append(getattr(item, "rncp_code", item))
        return item

    monkeypatch.setattr(rncp_xml, "fiche_from_element", counted)
    return numbers


def test_only_the_fiches_whose_bytes_changed_are_parsed(parsed_fiches):
    before = register_xml(*(generated_real_fiche(i) for i in range(5)))
    first = read(before)
    assert len(parsed_fiches) == 5
    parsed_fiches.clear()
    # RNCP100002 changed in its white space only: the old reader's walk of tags and texts left
    # white space between elements out, and would have called it unchanged.
    changed = generated_real_fiche(2).replace("<INTITULE>", "\n  <INTITULE>", 1)
    after = register_xml(*(generated_real_fiche(i) if i != 2 else changed for i in range(5)))
    second = read(after, digests(first))
    assert parsed_fiches == ["RNCP100002"]
    assert [type(item).__name__ for item in second] == ["Unchanged", "Unchanged", "Fiche", "Unchanged", "Unchanged"]
    assert second[2].digest != first[2].digest and second[2] == replace(first[2], digest=second[2].digest)


def test_a_fiche_repeated_in_the_file_is_unchanged_once_known(parsed_fiches):
    data = register_xml(fiche_xml("RNCP1"), fiche_xml("RNCP1"))
    known: dict[str, str | None] = {}
    items = []
    for item in read_fiches(io.BytesIO(data), known):
        items.append(item)
        if isinstance(item, Fiche):
            known[item.rncp_code] = item.digest  # as the import does once a batch is written
    assert [type(item).__name__ for item in items] == ["Fiche", "Unchanged"] and parsed_fiches == ["RNCP1"]


def test_a_closing_fiche_tag_inside_cdata_or_a_comment_does_not_cut_the_fiche():
    tricky = fiche_xml("RNCP1", "Titre").replace(
        "<INTITULE>Titre</INTITULE>",
        "<!-- </FICHE><FICHE> --><INTITULE><![CDATA[Titre </FICHE> <FICHE>]]></INTITULE><?note </FICHE>?>")
    data = register_xml(tricky, fiche_xml("RNCP2"))
    first = read(data)
    assert [(f.rncp_code, f.label) for f in first] == [("RNCP1", "Titre </FICHE> <FICHE>"), ("RNCP2", "Assistant de vie")]
    assert read(data, digests(first)) == [Unchanged("RNCP1"), Unchanged("RNCP2")]


def test_the_encoding_declared_in_the_prolog_is_honoured():
    text = register_xml(fiche_xml("RNCP1", "Éducateur spécialisé – option écrits")).decode("utf-8")
    latin = text.replace("–", "-").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("iso-8859-1")
    (fiche,) = read(latin)
    assert fiche.label == "Éducateur spécialisé - option écrits"
    assert read(latin, digests([fiche])) == [Unchanged("RNCP1")]
    # The same text in UTF-8 is other bytes: another fingerprint, so it is read again.
    (utf8,) = read(latin.decode("iso-8859-1").replace("ISO-8859-1", "UTF-8").encode("utf-8"), digests([fiche]))
    assert isinstance(utf8, Fiche) and utf8.label == fiche.label


def test_a_utf16_file_is_still_read_without_being_cut():
    data = register_xml(fiche_xml("RNCP1", "Éducateur"), fiche_xml("RNCP2")).decode("utf-8")
    utf16 = data.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    first = read(utf16)
    assert [f.label for f in first] == ["Éducateur", "Assistant de vie"]
    assert read(utf16, digests(first)) == [Unchanged("RNCP1"), Unchanged("RNCP2")]


@pytest.mark.parametrize("read_size", [1, 2, 7, 64, 1000])
def test_the_cut_does_not_depend_on_how_the_bytes_arrive(monkeypatch, read_size):
    tricky = fiche_xml("RNCP1").replace("<INTITULE>", "<!-- </FICHE> --><INTITULE>")
    data = register_xml(tricky, generated_real_fiche(3), "<AUTRE><FICHE><NUMERO_FICHE>RNCP9</NUMERO_FICHE></FICHE></AUTRE>",
                        '<FICHE ID="x">' + fiche_xml("RNCP2")[len("<FICHE>"):])
    expected = read(data)
    assert [f.rncp_code for f in expected] == ["RNCP1", "RNCP100003", "RNCP2"]  # a FICHE deeper down is not one
    monkeypatch.setattr(register_pieces, "READ_SIZE", read_size)
    assert read(data) == expected
    assert read(data, digests(expected)) == [Unchanged(f.rncp_code) for f in expected]


@pytest.mark.parametrize("data, message", [
    (b'<?xml version="1.0"?><!DOCTYPE FICHES [<!ENTITY a "x">]><FICHES><FICHE>&a;</FICHE></FICHES>', "DOCTYPE"),
    (b'<?xml version="1.0"?><!DOCTYPE FICHES [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
     b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><FICHES><FICHE><INTITULE>&c;</INTITULE></FICHE></FICHES>', "DOCTYPE"),
    (b'<?xml version="1.0"?><!DOCTYPE FICHES [<!ENTITY x SYSTEM "file:///etc/passwd">]><FICHES>&x;</FICHES>', "DOCTYPE"),
    (b"", "well-formed|empty"),
    (b"\x00\x01garbage", "well-formed"),
    (b"<FICHE><NUMERO_FICHE>RNCP1</NUMERO_FICHE></FICHE>", "root element"),
])
def test_hostile_and_broken_files_are_refused(data, message):
    with pytest.raises(RegisterFileError, match=message):
        read(data)


def test_a_file_cut_short_after_known_fiches_is_refused_whole():
    data = register_xml(fiche_xml("RNCP1"), fiche_xml("RNCP2"), fiche_xml("RNCP3"))
    known = digests(read(data))
    for end in (len(data) - 5, len(data) - 200, data.index(b"RNCP3") + 3):
        with pytest.raises(RegisterFileError, match="well-formed"):
            read(data[:end], known)


def test_garbage_between_two_unchanged_fiches_is_refused():
    one, two = fiche_xml("RNCP1"), fiche_xml("RNCP2")
    known = digests(read(register_xml(one, two)))
    with pytest.raises(RegisterFileError, match="well-formed"):
        read(register_xml(one, "<oops>", two), known)
    with pytest.raises(RegisterFileError, match="well-formed"):
        read(register_xml(one + "</FICHES><FICHES>", two), known)


@pytest.mark.parametrize("doctype, body", [
    ('<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
     '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">'
     '<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">',
     "<FICHE><INTITULE>&g;</INTITULE></FICHE>"),
    ('<!ENTITY x SYSTEM "file:///etc/passwd">', "&x;"),
])
def test_a_utf16_file_the_cutter_does_not_read_is_still_refused_when_hostile(doctype, body):
    # Not cut (not a superset of ASCII), so the DOCTYPE check does not see it: expat's own
    # amplification limit and ElementTree's refusal of external entities do.
    data = f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE FICHES [{doctype}]><FICHES>{body}</FICHES>'
    with pytest.raises(RegisterFileError, match="well-formed"):
        read(data.encode("utf-16"))
