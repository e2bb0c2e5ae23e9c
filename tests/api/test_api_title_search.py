"""The API's title search (`GET /api/v1/titles?q=`) is the catalogue's full-text search, competences
included: accents ignored, every word a prefix, a retired competence no longer finds its title,
and the competences' words are read from an index, never by scanning every competence."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text

from tests.catalog.test_competence_fulltext_import import assert_index_equals_competences
from vae.catalog.search import title_matches
from vae.core.clock import now
from vae.models import Block, Competence, Title


@pytest.fixture
def api(make_user, api_as):
    return api_as(make_user("candidate"), scopes=["titles:read"])


@pytest.fixture
def competence(db):
    """A competence of its own title, with words no other label of the catalogue holds."""
    title = Title(rncp_code="RNCP92001", label="Technicien de maintenance", eqf_level=4, certifier_name="Ministère")
    block = Block(code="RNCP92001BC01", label="Diagnostiquer une panne")
    block.all_competences.append(Competence(position=1, label="Étalonner les hygromètres capacitifs"))
    title.blocks.append(block)
    db.session.add(title)
    db.session.commit()
    return block.all_competences[0]


def codes(api, words: str) -> list[str]:
    return sorted(item["rncp_code"] for item in api.ok(api.get(f"/titles?q={words}"))["items"])


def test_a_word_of_a_competence_finds_its_title_accents_ignored_and_as_a_prefix(api, competence):
    assert codes(api, "etalonner") == ["RNCP92001"]
    assert codes(api, "ÉTALON hygrom") == ["RNCP92001"]
    assert codes(api, "hygrometres capacitif") == ["RNCP92001"]
    # Every word must be found somewhere in the title; the label's words and the competence's mix.
    assert codes(api, "technicien hygrometre") == ["RNCP92001"]
    assert codes(api, "hygrometre boulanger") == []
    # Words of the title, its certifier and its blocks still find it, and its code.
    assert codes(api, "diagnost") == codes(api, "ministere") == codes(api, "92001") == ["RNCP92001"]


def test_query_syntax_is_only_words(api, competence):
    # Letters unaccent rewrites into several characters, punctuation or spaces included (½ → " 1/2").
    for typed in ('"', "*", "NEAR(", "hygro*", "hygro OR", "(hygro) AND NOT", "':*|", "½", "ﬁn", "Œuvre", "ß", "㈱"):
        response = api.get(f"/titles?q={typed}")
        assert response.status_code == 200, (typed, response.get_data(as_text=True))


def test_a_retired_renamed_or_deleted_competence_stops_finding_its_title(db, api, competence):
    competence.retired_at = now()
    db.session.commit()
    assert codes(api, "hygrometre") == []

    competence.retired_at = None
    competence.label = "Calibrer les anémomètres"
    db.session.commit()
    assert codes(api, "hygrometre") == []
    assert codes(api, "anemometre") == ["RNCP92001"]

    db.session.delete(competence)
    db.session.commit()
    assert codes(api, "anemometre") == []


def test_the_sqlite_index_stays_equal_to_the_competences(db, competence, titles):
    """FTS5's own check that its index matches its content table, after inserts, a change of
    wording and deletes, including a block whose competences go with it (foreign-key cascade)."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's FTS5 table; PostgreSQL's index is the database's own")
    competence.label = "Calibrer les anémomètres"
    db.session.commit()
    db.session.delete(db.session.get(Block, competence.block_id))
    db.session.commit()
    assert db.session.scalar(select(Competence.id).where(Competence.id == competence.id)) is None
    assert db.session.scalar(select(Competence.id).limit(1)) is not None  # the other titles' competences stay
    assert_index_equals_competences(db)


def test_the_competences_words_are_read_from_an_index(db, competence):
    statement = select(Title.id).where(title_matches("hygrometre", competences=True))
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(db.session.scalars(text(f"EXPLAIN {compiled}")))
        assert "ix_competence_fts" in plan, plan
    else:
        plan = "\n".join(row[-1] for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
        assert "competence_fts VIRTUAL TABLE" in plan and "SCAN competence " not in plan + " ", plan
    assert db.session.scalars(statement).all() == [competence.block.title_id]


def test_a_page_of_titles_costs_as_many_queries_for_one_title_as_for_all(db, api, titles, competence, count_queries):
    """Blocks and competences come with the page, not one query per title and per block."""
    def queries(path):
        with count_queries() as n:
            page = api.ok(api.get(path))
        return n(), page.get("items", [page])

    queries("/titles?limit=1")  # the token's first use of the day is recorded once
    one, items = queries("/titles?limit=1")
    assert len(items) == 1 and items[0]["blocks"]
    every, items = queries("/titles?limit=50")
    assert len(items) == len(titles) + 1 >= 4
    assert sum(len(b["competences"]) for t in items for b in t["blocks"]) > len(items) * 2
    assert every == one
    searched, items = queries("/titles?q=hygrometre")
    assert [len(b["competences"]) for b in items[0]["blocks"]] == [1] and searched == one
    single, _ = queries(f"/titles/{competence.block.title_id}")
    assert single <= one
