"""The register's own list shape is split without a line of Python per item (competence_list's fast
path); `_split_fragments` reads every list the long way. Both must give the same items."""
from __future__ import annotations

import io
from xml.etree.ElementTree import iterparse

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.catalog.real_register import SAMPLE, generated_real_fiche
from tests.catalog.register_samples import register_xml
from vae.catalog.competence_list import MARKERS, CompetenceItem, _split_fragments, split_competences

# Every character the item pattern looks at (markers, code letters and digits, dots, list
# numbering, colons), words, and runs of spaces of any length.
_PIECE = st.one_of(
    st.sampled_from(list(MARKERS) + ["A1C1.", "A1C2.", "C.1.", "C1.2.", "1.1", "1.1.1", "1.2", "3)", "3.", ":",
                                     ".", "12", "AB12.CD3", "A" * 12 + "1" * 25]),
    st.text(alphabet="abcéAZ’'(),", min_size=1, max_size=6),
    st.integers(min_value=1, max_value=9).map(lambda n: " " * n))


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECE, max_size=25).map("".join))
def test_the_fast_path_reads_any_list_as_the_long_way_does(text):
    fast, slow = split_competences(text), _split_fragments(text)
    assert fast == slow
    assert all(type(item) is CompetenceItem for item in fast)
    assert [item.context for item in fast] == [item.context for item in slow]  # None stays None


def test_hierarchical_codes_get_their_parents_text_on_the_fast_path_too():
    text = "1.1 Rendre compte      1.1.1 Renseigner la fiche      C.1. Accueillir      C1.2. Orienter"
    assert split_competences(text) == _split_fragments(text)
    assert split_competences(text)[1].context == "Rendre compte"


def test_a_code_longer_than_its_column_is_cut_as_before():
    code = "AB" + "1" * 40
    assert split_competences(f"{code}. Faire      - Dire") == [(code[:30], "Faire", None), (None, "Dire", None)]


def test_the_real_shape_lists_are_read_the_same_both_ways():
    """Every competence list of a generated real-shape register and of the hand-written sample."""
    texts = [element.text for source in (io.BytesIO(register_xml(*map(generated_real_fiche, range(300)))), SAMPLE)
             for _event, element in iterparse(source) if element.tag in ("LISTE_COMPETENCES", "CAPACITES_ATTESTEES")]
    assert len(texts) > 900
    for text in texts:
        assert split_competences(text.strip()) == _split_fragments(text.strip())
