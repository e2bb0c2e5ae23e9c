"""A register import keeps the competences' word search exact (the API's `?q=`): on SQLite the
import indexes the competences it wrote in one statement before it commits (the triggers leave
them alone meanwhile, fulltext_bulk.py); a re-import's changed, retired and new competences are
found by what they say now; a failed import leaves the triggers as they were."""
from __future__ import annotations

from html import escape

import pytest
from sqlalchemy import select, text

from tests.catalog.register_samples import block, fiche_xml, register_xml
from tests.catalog.test_rncp_import import run_import
from vae.catalog import rncp_import
from vae.catalog.rncp_xml import RegisterFileError
from vae.catalog.search import title_matches
from vae.extensions import db as _db
from vae.models import Block, Competence, Title


def items(*labels: str) -> str:
    return escape("<ul>" + "".join(f"<li>{label}</li>" for label in labels) + "</ul>")


def register(*competences: str) -> tuple[str, ...]:
    return (fiche_xml("RNCP90001", "Assistant de vie", blocks=[
                block("RNCP90001BC01", "Accompagner la personne", items(*competences))]),
            fiche_xml("RNCP90002", "Employé familial", blocks=[
                block("RNCP90002BC01", "Préparer les repas", items("Cuisiner des légumes de saison"))]))


def found(words: str) -> list[str]:
    return sorted(_db.session.scalars(select(Title.rncp_code).where(title_matches(words, competences=True))))


def assert_index_equals_competences(db):
    """SQLite: FTS5's own check of its index against the competence table, and one entry each."""
    if db.engine.dialect.name != "sqlite":
        return
    db.session.execute(text("INSERT INTO competence_fts(competence_fts, rank) VALUES ('integrity-check', 1)"))
    indexed = set(db.session.scalars(text("SELECT id FROM competence_fts_docsize")))
    assert indexed == set(db.session.scalars(select(Competence.id)))
    assert db.session.scalar(text("SELECT after_id FROM competence_fts_pending")) is None


def test_an_import_then_a_reimport_are_found_by_their_competences_current_words(db, runner, register_file):
    db.session.add(Title(rncp_code="RNCP95000", label="Plombier", eqf_level=3, certifier_name="AFPA", blocks=[
        Block(code="RNCP95000BC01", label="Poser", all_competences=[Competence(label="Souder le cuivre")])]))
    db.session.commit()  # a competence written outside an import, by the triggers

    assert run_import(runner, register_file(*register("Étalonner les hygromètres", "Rédiger un compte rendu"))
                      ).exit_code == 0
    assert found("hygrometre") == found("redig compte") == ["RNCP90001"]
    assert found("legumes") == ["RNCP90002"] and found("souder cuivre") == ["RNCP95000"]
    assert_index_equals_competences(db)

    # The register rewords one item, drops another (retired: kept for old dossiers) and adds one.
    result = run_import(runner, register_file(*register("Étalonner les hygromètres numériques",
                                                        "Désinfecter les surfaces")))
    assert result.exit_code == 0 and "updated: 1" in result.output, result.output
    assert found("hygrometre numerique") == ["RNCP90001"]
    assert found("desinfect") == ["RNCP90001"]
    assert found("redig") == []
    assert found("legumes") == ["RNCP90002"] and found("souder") == ["RNCP95000"]
    assert_index_equals_competences(db)


def test_a_failed_import_leaves_the_competence_triggers_as_they_were(db, register_file, monkeypatch):
    monkeypatch.setattr(rncp_import, "BATCH_SIZE", 1)  # the first fiche is written before the file breaks
    truncated = register_xml(*register("Étalonner les hygromètres"))[:-40]
    with pytest.raises(RegisterFileError):
        rncp_import.import_register_file(register_file(raw=truncated))
    db.session.rollback()  # what the command and the job do on a RegisterFileError
    assert found("hygrometre") == []
    db.session.add(Title(rncp_code="RNCP95001", label="Couvreur", eqf_level=3, certifier_name="AFPA", blocks=[
        Block(code="RNCP95001BC01", label="Couvrir", all_competences=[Competence(label="Poser le zinc")])]))
    db.session.commit()
    assert found("zinc") == ["RNCP95001"]
    assert_index_equals_competences(db)
