"""The import's per-batch lookups (`sql_lists.one_of`) and the proposals it does not repeat."""
from __future__ import annotations

from sqlalchemy import func, select

from tests.catalog.real_register import real_fiche
from tests.catalog.register_samples import register_xml
from vae.catalog.rncp_import import import_register_file
from vae.catalog.rncp_write import ids_by
from vae.catalog.sql_lists import one_of
from vae.models import BlockEquivalence, Title


def test_a_lookup_finds_exactly_the_listed_rows_even_beyond_sqlites_limit_of_parameters(db, titles):
    known = {title.rncp_code: title.id for title in db.session.scalars(select(Title))}
    # 40,000 values, sent as one parameter (`IN (?, ?, …)` needed a placeholder each).
    asked = [f"RNCP{n}" for n in range(40_000)] + list(known)
    assert ids_by(Title.__table__, "rncp_code", "rncp_code", asked) == known
    assert ids_by(Title.__table__, "id", "id", [*known.values(), 10**9]) == {i: i for i in known.values()}


def test_a_lookup_is_one_statement_text_whatever_the_number_of_values(db, record_statements):
    with record_statements() as seen:
        for size in (3, 3_000):
            db.session.execute(select(Title.id).where(one_of(Title.rncp_code, [f"RNCP{n}" for n in range(size)])))
    assert len(seen) == 2 and seen[0] == seen[1]  # one parameter: the text does not grow with the list


def test_a_re_read_fiche_does_not_propose_again_what_is_already_proposed(db, register_file):
    def newer(label):
        return real_fiche("RNCP92002", label, older=("RNCP92001",), blocks=(
            ("RNCP92002BC01", "Accueillir le public", "- Accueillir"), ("RNCP92002BC02", "Informer", "- Informer")),
            correspondences=(("RNCP92002BC02", "RNCP92001", ("RNCP92001BC07",)),))
    older = real_fiche("RNCP92001", blocks=(("RNCP92001BC01", "Accueillir  le PUBLIC", "- Accueillir"),
                                            ("RNCP92001BC07", "Renseigner", "- Renseigner")))
    first = import_register_file(register_file(raw=register_xml(older, newer("Agent d'accueil"))))
    assert first.equivalences_proposed == 2
    again = import_register_file(register_file(raw=register_xml(newer("Agent d'accueil et d'information"))))
    assert again.updated == 1 and again.equivalences_proposed == 0
    assert db.session.scalar(select(func.count()).select_from(BlockEquivalence)) == 2
