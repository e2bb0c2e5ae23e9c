"""A register import keeps the catalogue's word search exact, whether the full-text rows are
written per batch (SQLite: the triggers stand aside during an import, fulltext_bulk.py) or by
the database's own indexes (PostgreSQL); outside an import the triggers still do the work."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text

from tests.catalog.register_samples import block, fiche_xml, register_xml
from tests.catalog.test_fulltext_search import found
from tests.catalog.test_rncp_import import run_import
from vae.catalog import rncp_import
from vae.catalog.rncp_xml import RegisterFileError
from vae.models import Block, Title

# What migration 0005_fts computes for every title, from scratch: the rows the triggers keep.
FROM_SCRATCH = """SELECT t.id, t.label, coalesce(t.certifier_name, ''),
                         (SELECT coalesce(group_concat(b.label, ' '), '') FROM block b WHERE b.title_id = t.id)
                  FROM title t"""


def first_register():
    return (fiche_xml("RNCP90001", "Assistant de vie", blocks=[
                block("RNCP90001BC01", "Accompagner la personne"),
                block("RNCP90001BC02", "Entretenir le logement")]),
            fiche_xml("RNCP90002", "Employé familial", blocks=[block("RNCP90002BC01", "Préparer les repas")]))


def second_register():
    """RNCP90001 renamed, one block renamed, one gone from the register, one added;
    RNCP90002 unchanged; RNCP90003 new."""
    return (fiche_xml("RNCP90001", "Médiateur familial", blocks=[
                block("RNCP90001BC01", "Conduire une médiation"),
                block("RNCP90001BC03", "Rédiger un rapport")]),
            fiche_xml("RNCP90002", "Employé familial", blocks=[block("RNCP90002BC01", "Préparer les repas")]),
            fiche_xml("RNCP90003", "Jardinier paysagiste", blocks=[block("RNCP90003BC01", "Tailler les haies")]))


def assert_fulltext_rows_as_from_scratch(db):
    """SQLite: every title's full-text row is what 0005_fts would compute from the tables
    (block words compared as sets: group_concat's order is not the search's business)."""
    if db.engine.dialect.name != "sqlite":
        return
    def rows(sql):
        return {row[0]: (row[1], row[2], sorted(row[3].split())) for row in db.session.execute(text(sql))}
    assert rows("SELECT rowid, label, certifier_name, blocks FROM title_fts") == rows(FROM_SCRATCH)


def triggers_paused(db) -> int | None:
    if db.engine.dialect.name != "sqlite":
        return None
    return db.session.scalar(text("SELECT paused FROM title_fts_paused"))


def test_an_import_then_a_reimport_are_found_by_their_new_words_not_the_old(db, runner, register_file):
    db.session.add(Title(rncp_code="RNCP95000", label="Plombier chauffagiste", eqf_level=3, certifier_name="AFPA",
                         blocks=[Block(code="RNCP95000BC01", label="Poser des canalisations")]))
    db.session.commit()  # a title of the catalogue that no import touches

    assert run_import(runner, register_file(*first_register())).exit_code == 0
    assert found("assistant vie") == ["RNCP90001"]
    assert found("accompagner") == ["RNCP90001"] and found("logement") == ["RNCP90001"]
    assert found("familial") == ["RNCP90002"] and found("repas") == ["RNCP90002"]
    assert found("canalisations") == ["RNCP95000"]
    assert_fulltext_rows_as_from_scratch(db)

    result = run_import(runner, register_file(*second_register()))
    assert result.exit_code == 0 and "created: 1" in result.output and "updated: 1" in result.output, result.output
    assert found("mediateur") == ["RNCP90001"]
    assert found("familial") == ["RNCP90001", "RNCP90002"]
    assert found("mediation") == ["RNCP90001"] and found("rapport") == ["RNCP90001"]
    assert found("assistant") == [] and found("accompagner") == []
    # A block gone from the register is kept on its title (candidates may hold it): still its words.
    assert found("logement") == ["RNCP90001"]
    assert found("jardinier") == ["RNCP90003"] and found("haies") == ["RNCP90003"]
    assert found("repas") == ["RNCP90002"] and found("plombier canalisations") == ["RNCP95000"]
    assert_fulltext_rows_as_from_scratch(db)
    assert triggers_paused(db) in (0, None)


def test_outside_an_import_the_triggers_keep_the_search_up_to_date(db, runner, register_file):
    assert run_import(runner, register_file(*first_register())).exit_code == 0
    title = db.session.scalar(select(Title).where(Title.rncp_code == "RNCP90002"))
    title.label = "Intendant de maison"
    title.blocks.append(Block(code="RNCP90002BC02", label="Organiser la réception", position=2))
    db.session.commit()
    assert found("intendant") == ["RNCP90002"] and found("employe") == []
    assert found("reception") == ["RNCP90002"]
    assert runner.invoke(args=["vae", "load-titles"]).exit_code == 0  # titles created by the ORM
    reference = db.session.scalars(select(Title).where(Title.source == "reference")).first()
    assert reference.rncp_code in found(reference.label)
    assert_fulltext_rows_as_from_scratch(db)


def test_a_failed_import_leaves_the_triggers_active(db, register_file, monkeypatch):
    """The control row is set inside the import's transaction: the rollback restores it."""
    monkeypatch.setattr(rncp_import, "BATCH_SIZE", 1)  # the first fiche is written before the file breaks
    truncated = register_xml(fiche_xml("RNCP90001", "Assistant de vie"), fiche_xml("RNCP90002"))[:-40]
    seen_during = []
    with pytest.raises(RegisterFileError):
        rncp_import.import_register_file(register_file(raw=truncated),
                                         on_progress=lambda count: seen_during.append(triggers_paused(db)))
    db.session.rollback()  # what the command and the job do on a RegisterFileError
    if db.engine.dialect.name == "sqlite":
        assert seen_during[0] == 1  # the import had set the triggers aside
    assert triggers_paused(db) in (0, None)
    assert found("assistant") == []  # nothing of the import stayed
    db.session.add(Title(rncp_code="RNCP95001", label="Couvreur zingueur", eqf_level=3, certifier_name="AFPA"))
    db.session.commit()
    assert found("zingueur") == ["RNCP95001"]
    assert_fulltext_rows_as_from_scratch(db)
