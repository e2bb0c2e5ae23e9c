"""`flask vae import-rncp`: the catalogue after importing register extracts."""
from __future__ import annotations

import zipfile
from datetime import date

from sqlalchemy import func, select

from tests.catalog.register_samples import block, fiche_xml, register_xml
from vae.models import Block, Competence, Title


def run_import(runner, path):
    return runner.invoke(args=["vae", "import-rncp", str(path)])


def count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def sample_register():
    return (fiche_xml("RNCP90001", "Assistant de vie"),
            fiche_xml("RNCP90002", "Employé familial", level="NIV3", blocks=[
                block("RNCP90002BC01", "Entretenir le logement"),
                block("RNCP90002BC02", "Prendre soin du linge"),
                block("RNCP90002BC03", "Préparer les repas")]),
            fiche_xml("RNCP80000", "Ancien titre", active="Non", end="31/12/2020"))


def test_import_creates_titles_blocks_and_competences(db, runner, register_file):
    result = run_import(runner, register_file(*sample_register()))
    assert result.exit_code == 0, result.output
    assert "created: 3" in result.output
    family = db.session.scalar(select(Title).where(Title.rncp_code == "RNCP90002"))
    assert family.label == "Employé familial" and family.eqf_level == 3 and family.source == "rncp"
    assert [b.code for b in family.blocks] == ["RNCP90002BC01", "RNCP90002BC02", "RNCP90002BC03"]
    assert [c.label for c in family.blocks[0].competences] == [
        "Identifier les besoins", "Adapter son intervention & rendre compte"]
    assert family.blocks[0].assessment_modalities == "Mise en situation professionnelle"
    assert family.assessment_modalities == "Dossier puis entretien avec le jury"
    old = db.session.scalar(select(Title).where(Title.rncp_code == "RNCP80000"))
    assert not old.active and old.end_date == date(2020, 12, 31)
    assert not old.open_to_candidates(date(2025, 1, 1))


def test_importing_the_same_file_twice_changes_nothing_and_says_so(db, runner, register_file):
    path = register_file(*sample_register())
    run_import(runner, path)
    stamps = db.session.execute(select(Title.rncp_code, Title.updated_at).order_by(Title.rncp_code)).all()
    rows = (count(db, Title), count(db, Block), count(db, Competence))
    second = run_import(runner, path)
    assert second.exit_code == 0
    assert "unchanged: 3" in second.output and "created: 0" in second.output and "updated: 0" in second.output
    assert "nothing changed" in second.output
    db.session.expire_all()
    assert db.session.execute(select(Title.rncp_code, Title.updated_at).order_by(Title.rncp_code)).all() == stamps
    assert (count(db, Title), count(db, Block), count(db, Competence)) == rows


def test_a_changed_fiche_is_updated_in_place(db, runner, register_file):
    run_import(runner, register_file(fiche_xml("RNCP90001", "Assistant de vie")))
    block_ids = set(db.session.scalars(select(Block.id)))
    result = run_import(runner, register_file(fiche_xml("RNCP90001", "Assistant de vie aux familles", active="Non",
                                                         blocks=[block("RNCP90001BC01", "Accompagner la personne",
                                                                       competences="- Écouter\n- Rassurer\n- Aider"),
                                                                 block("RNCP90001BC02", "Entretenir le logement")])))
    assert "updated: 1" in result.output
    title = db.session.scalar(select(Title).where(Title.rncp_code == "RNCP90001"))
    assert title.label == "Assistant de vie aux familles" and not title.active
    assert set(b.id for b in title.blocks) == block_ids  # same rows: awards and cases keep pointing at them
    assert [c.label for c in title.blocks[0].competences] == ["Écouter", "Rassurer", "Aider"]


def test_malformed_fiches_are_skipped_and_named_the_others_are_imported(db, runner, register_file):
    result = run_import(runner, register_file(
        fiche_xml("RNCP90001"), fiche_xml(None),
        fiche_xml("RNCP90003", blocks=[block("RNCP90003BC01", "A"), block(None, "Sans code")])))
    assert result.exit_code == 0
    assert "created: 1" in result.output and "skipped: 2" in result.output
    assert "fiche #2 (no NUMERO_FICHE): the fiche has no number" in result.output
    assert "RNCP90003: block #2 has no code" in result.output
    assert set(db.session.scalars(select(Title.rncp_code))) == {"RNCP90001"}
    assert count(db, Block) == 2


def test_a_block_code_owned_by_another_title_skips_that_fiche_only(db, runner, register_file):
    result = run_import(runner, register_file(
        fiche_xml("RNCP90001"), fiche_xml("RNCP90002", blocks=[block("RNCP90001BC01", "Volé")])))
    assert "block RNCP90001BC01 already belongs to title RNCP90001" in result.output
    assert set(db.session.scalars(select(Title.rncp_code))) == {"RNCP90001"}


def test_a_file_that_is_not_a_register_writes_nothing(db, runner, register_file):
    for raw, message in [(b"not xml at all", "not a well-formed XML file"),
                         (b"<CATALOGUE></CATALOGUE>", "root element is <CATALOGUE>"),
                         (register_xml(fiche_xml("RNCP90001"), fiche_xml("RNCP90002"))[:-40], "after fiche RNCP90001")]:
        result = run_import(runner, register_file(raw=raw))
        assert result.exit_code != 0
        assert message in result.output and "Nothing was imported" in result.output
    assert count(db, Title) == 0


def test_the_zip_published_by_france_competences_is_read(db, runner, tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("export_fiches_RNCP_V4_1_2025-06-30.xml", register_xml(*sample_register()))
    result = run_import(runner, archive)
    assert result.exit_code == 0 and "created: 3" in result.output


def test_reference_titles_still_load_without_the_register(db, runner):
    result = runner.invoke(args=["vae", "load-titles"])
    assert result.exit_code == 0
    assert count(db, Title) >= 1


def test_versions_named_by_the_register_propose_equivalences(db, runner, register_file):
    from vae.models import BlockEquivalence

    result = run_import(runner, register_file(
        fiche_xml("RNCP100", "Ancien", active="Non", newer=("RNCP200",)),
        fiche_xml("RNCP200", "Nouveau", older=("RNCP100",), blocks=[
            block("RNCP200BC01", "Accompagner la personne"), block("RNCP200BC02", "Autre chose")],
            correspondences=(("RNCP100BC02", "RNCP200BC02"),))))
    assert "block equivalences proposed" in result.output
    pairs = {(e.old_block.code, e.new_block.code, e.proposed_by, e.confirmed_at)
             for e in db.session.scalars(select(BlockEquivalence))}
    assert pairs == {("RNCP100BC01", "RNCP200BC01", "label", None), ("RNCP100BC02", "RNCP200BC02", "register", None)}
    assert "nothing changed" in run_import(runner, register_file(
        fiche_xml("RNCP100", "Ancien", active="Non", newer=("RNCP200",)))).output


def test_the_import_queries_per_batch_not_per_fiche(db, register_file, count_queries, monkeypatch):
    from tests.catalog.register_samples import write_generated_register
    from vae.catalog import rncp_import

    monkeypatch.setattr(rncp_import, "BATCH_SIZE", 50)
    path = register_file()
    write_generated_register(path, 150)  # three batches, two blocks and two competences per block each
    with count_queries() as first:
        report = rncp_import.import_register_file(path)
    with count_queries() as second:
        again = rncp_import.import_register_file(path)
    assert (report.created, again.unchanged) == (150, 150)
    assert (count(db, Title), count(db, Block), count(db, Competence)) == (150, 300, 600)
    # Once: the known titles' fingerprints; per batch: the stored fingerprints of the batch's
    # titles (nothing of the file is kept in memory between batches), block owners, then one
    # INSERT each for titles, blocks (each followed by the one query reading their ids back),
    # competences, then the batch's register links and version lists; one journal entry.
    # SQLite: the batch's full-text rows (one DELETE, one INSERT … SELECT), and six per
    # import: three to set the title triggers aside and back, three for the competences' (the
    # last id indexed kept, every competence above it indexed in one INSERT … SELECT, the mark
    # cleared; fulltext_bulk.py).
    fulltext = (6, 2) if db.engine.dialect.name == "sqlite" else (0, 0)
    assert first() <= 1 + 3 * (7 + 2 + fulltext[1]) + 1 + fulltext[0], first()
    assert second() <= 1 + 1, second()  # unchanged: the one lookup of fingerprints, the journal entry


def test_a_second_copy_of_a_written_fiche_in_the_same_file_is_unchanged(db, runner, register_file):
    path = register_file(fiche_xml("RNCP90001", "Assistant de vie"), fiche_xml("RNCP90001", "Assistant de vie"))
    result = run_import(runner, path)
    assert result.exit_code == 0, result.output
    assert "created: 1" in result.output and "unchanged: 1" in result.output


def test_a_fiche_read_by_an_older_reader_is_read_again_and_brought_up_to_date(db, runner, register_file):
    path = register_file(fiche_xml("RNCP90001", "Assistant de vie"))
    run_import(runner, path)
    title = db.session.scalar(select(Title).where(Title.rncp_code == "RNCP90001"))
    title.source_digest = "0" * 64  # what an import by an earlier version of the reader left
    title.label = "Assistant de vie (ancienne lecture)"
    db.session.commit()
    result = run_import(runner, path)
    assert "updated: 1" in result.output, result.output
    db.session.expire_all()
    assert db.session.scalar(select(Title.label).where(Title.rncp_code == "RNCP90001")) == "Assistant de vie"


def test_fiches_of_one_batch_see_each_other(db, runner, register_file):
    # The same block code claimed by two new fiches, and a fiche repeated with a change, in one file.
    path = register_file(
        fiche_xml("RNCP90001", "Assistant de vie"),
        fiche_xml("RNCP90003", "Intrus", blocks=[block("RNCP90001BC01", "Bloc pris")]),
        fiche_xml("RNCP90001", "Assistant de vie, seconde mouture"))
    result = run_import(runner, path)
    assert result.exit_code == 0, result.output
    assert "created: 1" in result.output and "updated: 1" in result.output
    assert "RNCP90003: block RNCP90001BC01 already belongs to title RNCP90001" in result.output
    assert db.session.scalar(select(Title.label).where(Title.rncp_code == "RNCP90001")) \
        == "Assistant de vie, seconde mouture"
    assert db.session.scalar(select(Title.id).where(Title.rncp_code == "RNCP90003")) is None
