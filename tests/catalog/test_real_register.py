"""The import against the real export's shapes: the shared sample and generated fiches like it."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from tests.catalog.real_register import SAMPLE, real_fiche
from tests.catalog.register_samples import register_xml
from vae.catalog.rncp_import import import_register_file
from vae.models import AuditEvent, Block, BlockEquivalence, Competence, RegisterLink, Title


def title(db, code: str) -> Title:
    return db.session.scalar(select(Title).where(Title.rncp_code == code))


def proposals(db) -> set[tuple[str, str, str]]:
    return {(e.old_block.code, e.new_block.code, e.proposed_by) for e in db.session.scalars(select(BlockEquivalence))}


def test_the_sample_gives_one_competence_per_item_with_codes_and_order(db):
    report = import_register_file(SAMPLE)
    db.session.commit()
    assert (report.created, report.skipped) == (3, [])
    counts = {b.code: len(b.competences) for b in db.session.scalars(select(Block))}
    assert counts == {"RNCP90001BC01": 2, "RNCP90001BC02": 2, "RNCP90002BC01": 3, "RNCP90002BC02": 3,
                      "RNCP90002BC03": 4, "RNCP90003BC01": 2}
    current = title(db, "RNCP90002")
    assert [c.label for c in current.blocks[0].competences] == [
        "Analyser la demande du client et les contraintes du site", "Planifier les tâches et les moyens",
        "Sélectionner les produits et matériels adaptés aux surfaces"]
    assert [(c.code, c.label) for c in current.blocks[1].competences] == [
        ("C1.1", "Appliquer les protocoles d'hygiène en établissement de santé"),
        ("C1.2", "Tracer les opérations réalisées"), ("C1.3", "Gérer les déchets selon leur filière")]
    # Hierarchy flattened: every item is a competence, a child carries its parent's text.
    assert [(c.code, c.context) for c in current.blocks[2].competences] == [
        ("1.1", None), ("1.1.1", "Rendre compte de son intervention"),
        ("1.1.2", "Rendre compte de son intervention"), ("1.2", None)]
    assert current.blocks[1].assessment_modalities == "Étude de cas écrite et entretien."


def test_the_sample_gives_versions_vae_openness_and_end_dates(db):
    import_register_file(SAMPLE)
    db.session.commit()
    old, current, reception = title(db, "RNCP90001"), title(db, "RNCP90002"), title(db, "RNCP90003")
    assert (old.newer_codes, current.older_codes) == (["RNCP90002"], ["RNCP90001"])
    # ACTIF is read as FICHE's own child, not from the SI_JURY_* that precede it.
    assert (old.active, current.active, reception.active) == (False, True, True)
    assert (current.vae_open, reception.vae_open) == (True, False)
    assert "deux professionnels du métier" in current.vae_jury_composition
    today = date(2026, 11, 27)
    assert (old.closed_reason(today), current.closed_reason(today), reception.closed_reason(today)) == (
        "inactive", None, "no_vae")
    # The two register correspondences name the blocks: proposed old → new; labels differ elsewhere.
    assert proposals(db) == {("RNCP90001BC01", "RNCP90002BC01", "register"),
                             ("RNCP90001BC02", "RNCP90002BC02", "register")}


def test_a_past_end_date_closes_the_title_even_when_active(db, register_file):
    import_register_file(register_file(raw=register_xml(real_fiche(
        "RNCP91000", active="Oui", end="31/08/2022", blocks=(("RNCP91000BC01", "Bloc", "- A  - B"),)))))
    ended = title(db, "RNCP91000")
    assert ended.active and ended.closed_reason(date(2026, 1, 1)) == "registration_ended"


def test_a_link_to_a_title_outside_the_file_is_resolved_when_that_title_arrives(db, register_file):
    newer = real_fiche("RNCP92002", older=("RNCP92001",), blocks=(
        ("RNCP92002BC01", "Accueillir le public", "- Accueillir"), ("RNCP92002BC02", "Informer", "- Informer")),
        correspondences=(("RNCP92002BC02", "RNCP92001", ("RNCP92001BC07",)),))
    import_register_file(register_file(raw=register_xml(newer)))
    assert proposals(db) == set()  # the older version is not in the catalogue yet
    older = real_fiche("RNCP92001", blocks=(("RNCP92001BC01", "Accueillir  le PUBLIC", "- Accueillir"),
                                            ("RNCP92001BC07", "Renseigner", "- Renseigner")))
    report = import_register_file(register_file(raw=register_xml(older)))
    assert report.equivalences_proposed == 2
    assert proposals(db) == {("RNCP92001BC01", "RNCP92002BC01", "label"),
                             ("RNCP92001BC07", "RNCP92002BC02", "register")}


def test_correspondences_between_different_titles_with_and_without_source(db, register_file):
    other = real_fiche("RNCP93001", "Autre titre", blocks=(
        ("RNCP93001BC01", "Entretenir le linge", "- Laver"), ("RNCP93001BC02", "Repasser", "- Repasser"),
        ("RNCP93001BC03", "Préparer les repas", "- Cuisiner")))
    this = real_fiche("RNCP93500", "Titre voisin", blocks=(
        ("RNCP93500BC01", "Linge et repassage", "- Laver  - Repasser"),
        ("RNCP93500BC02", "Préparer les repas", "- Cuisiner")),
        correspondences=(
            ("RNCP93500BC01", "RNCP93001", ("RNCP93001BC01", "RNCP93001BC02")),  # several destination blocks
            (None, "RNCP93001", ()),                                            # the whole fiche: by label
        ))
    import_register_file(register_file(raw=register_xml(other, this)))
    assert proposals(db) == {("RNCP93001BC01", "RNCP93500BC01", "register"),
                             ("RNCP93001BC02", "RNCP93500BC01", "register"),
                             ("RNCP93001BC03", "RNCP93500BC02", "label")}
    assert db.session.scalar(select(func.count()).select_from(RegisterLink)) == 3


def test_an_rs_fiche_is_one_unit_without_level(db, register_file):
    rs = real_fiche("RS5678", "Habilitation électrique", level=None, capacities=(
        "- Identifier les risques électriques      - Appliquer les consignes de sécurité      - Rendre compte"))
    report = import_register_file(register_file(raw=register_xml(rs)))
    assert (report.created, report.skipped) == (1, [])
    certification = title(db, "RS5678")
    assert (certification.register, certification.eqf_level) == ("rs", None)
    [unit] = certification.blocks
    assert (unit.code, unit.label) == ("RS5678", "Habilitation électrique")
    assert [c.label for c in unit.competences] == [
        "Identifier les risques électriques", "Appliquer les consignes de sécurité", "Rendre compte"]


def test_an_rncp_fiche_without_level_is_still_skipped(db, register_file):
    report = import_register_file(register_file(raw=register_xml(real_fiche("RNCP94000", level=None))))
    assert report.created == 0 and "EQF" in report.skipped[0].reason


def test_every_import_writes_one_journal_entry_with_its_report(db, register_file):
    path = register_file(raw=register_xml(real_fiche("RNCP95000", blocks=(("RNCP95000BC01", "B", "- A"),)),
                                          real_fiche("RNCP95001", level="NIV0")))
    import_register_file(path)
    import_register_file(path)
    db.session.commit()
    entries = db.session.scalars(select(AuditEvent).where(AuditEvent.event == "register_imported")
                                 .order_by(AuditEvent.id)).all()
    assert [(e.data["created"], e.data["unchanged"], e.data["skipped"]) for e in entries] == [(1, 0, 1), (0, 1, 1)]
    assert entries[0].data["skipped_fiches"][0]["fiche"] == "RNCP95001"
    assert "EQF" in entries[0].data["skipped_fiches"][0]["reason"]
    assert entries[0].data["touched_fiches"] == ["RNCP95000"]


def test_dry_run_prints_the_report_and_writes_nothing(db, runner):
    result = runner.invoke(args=["vae", "import-rncp", "--dry-run", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "created: 3" in result.output and "nothing was written" in result.output
    db.session.rollback()
    for model in (Title, Block, Competence, RegisterLink, BlockEquivalence, AuditEvent):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0, model
    result = runner.invoke(args=["vae", "import-rncp", str(SAMPLE)])
    assert "created: 3" in result.output
    assert db.session.scalar(select(func.count()).select_from(Title)) == 3
