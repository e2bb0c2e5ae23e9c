"""Catalogue word search is full-text (FTS5 on SQLite, tsvector + unaccent on PostgreSQL):
accents ignored both ways, every word a prefix, renamed titles found by their new words."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text

from tests.catalog.register_samples import block, fiche_xml
from tests.catalog.test_rncp_import import run_import
from vae.catalog.operations import search_titles
from vae.extensions import db as _db
from vae.models import Block, Title


@pytest.fixture
def catalogue(db):
    """Three titles whose words differ by accents, prefixes and blocks."""
    titles = [
        Title(rncp_code="RNCP91001", label="Éducateur spécialisé", eqf_level=6, certifier_name="Ministère"),
        Title(rncp_code="RNCP91002", label="Aide à domicile", eqf_level=3, certifier_name="Iperia"),
        Title(rncp_code="RNCP91003", label="Aide soignant", eqf_level=4, certifier_name="Ministere de la sante"),
        Title(rncp_code="RNCP37780", label="Assistant de vie dépendance", eqf_level=3, certifier_name="Iperia"),
    ]
    db.session.add_all(titles)
    db.session.flush()
    db.session.add(Block(title_id=titles[2].id, code="RNCP91003BC01", label="Réaliser des soins d'hygiène"))
    db.session.commit()
    return {t.rncp_code: t for t in titles}


def found(words: str) -> list[str]:
    return sorted(t.rncp_code for t in _db.session.scalars(search_titles(words)))


def test_accents_are_ignored_both_ways(catalogue):
    assert found("educateur") == ["RNCP91001"]
    assert found("ÉDUCATEUR") == ["RNCP91001"]
    assert found("ministère") == ["RNCP91001", "RNCP91003"]  # "Ministere" was typed without its accent
    assert found("santé") == ["RNCP91003"]


def test_every_word_is_a_prefix_and_all_words_must_match(catalogue):
    assert found("aide domic") == ["RNCP91002"]
    assert found("aide") == ["RNCP91002", "RNCP91003"]
    assert found("educ spe") == ["RNCP91001"]
    assert found("aide educateur") == []
    assert found("hygiene soig") == ["RNCP91003"]  # a word of one of its blocks counts
    assert found("plombier") == []


def test_query_syntax_typed_by_a_user_is_only_words(catalogue):
    assert found('aide" OR "x') == [] and found("aide & !domic") == ["RNCP91002"]
    for hostile in ("aide*", "-aide", "aide:*", "(aide)"):
        assert found(hostile) == ["RNCP91002", "RNCP91003"], hostile
    for no_word in ("':*", "(", '"', "*"):
        assert found(no_word) == found(""), no_word


def test_rncp_code_is_found_with_or_without_its_prefix(client, catalogue, login_as):
    assert found("RNCP37780") == ["RNCP37780"]
    assert found("37780") == ["RNCP37780"]
    login_as("candidate")
    text = client.get("/cases/new?q=37780").get_data(as_text=True)
    assert "RNCP37780" in text and "RNCP91002" not in text


def test_the_candidates_title_search_ignores_accents_too(client, catalogue, login_as):
    login_as("candidate")
    text = client.get("/cases/new?q=educateur").get_data(as_text=True)
    assert "RNCP91001" in text and "RNCP91002" not in text
    text = client.get("/cases/new?q=aide domic").get_data(as_text=True)
    assert "RNCP91002" in text and "RNCP91003" not in text


def test_a_title_renamed_by_a_register_import_is_found_by_its_new_words_only(db, runner, register_file):
    run_import(runner, register_file(fiche_xml("RNCP90001", "Assistant de vie", blocks=[
        block("RNCP90001BC01", "Accompagner la personne")])))
    assert found("assistant vie") == ["RNCP90001"]
    run_import(runner, register_file(fiche_xml("RNCP90001", "Médiateur familial", blocks=[
        block("RNCP90001BC01", "Conduire une médiation")])))
    assert db.session.scalar(select(Title.label).where(Title.rncp_code == "RNCP90001")) == "Médiateur familial"
    assert found("mediateur famil") == ["RNCP90001"]
    assert found("mediation") == ["RNCP90001"]
    assert found("assistant") == [] and found("accompagner") == []


def test_a_word_search_is_one_query_like_any_other_catalogue_page(client, catalogue, count_queries):
    with count_queries() as n:
        assert found("aide domic") == ["RNCP91002"]
    assert n() == 1
    counts = []
    for url in ("/catalog/?level=3", "/catalog/?q=aide+domic", "/catalog/?q=educateur+spe&code=91001"):
        with count_queries() as n:
            page = client.get(url)
        assert page.status_code == 200
        counts.append(n())
    assert len(set(counts)) == 1, counts
    assert "RNCP91002" in client.get("/catalog/?q=aide+domic").get_data(as_text=True)


@pytest.mark.postgres_only
def test_postgresql_answers_from_the_gin_indexes(db, catalogue):
    """The query repeats the indexed expression exactly; were it to drift, the indexes would go unused."""
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    compiled = search_titles("aide domic").compile(db.engine, compile_kwargs={"literal_binds": True})
    plan = "\n".join(db.session.scalars(text(f"EXPLAIN {compiled}")))
    assert "ix_title_fts" in plan and "ix_block_fts" in plan, plan
