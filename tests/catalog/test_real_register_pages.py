"""What users see of the real register: competences listed, VAE closed, RS, retired competences kept."""
from __future__ import annotations

from datetime import date

import pytest
from markupsafe import escape
from sqlalchemy import select

from tests.catalog.real_register import SAMPLE, real_fiche
from tests.catalog.register_samples import register_xml
from vae.candidate import operations as candidate_ops
from vae.catalog.equivalences import equivalent_block_ids
from vae.catalog.rncp_import import import_register_file
from vae.models import AuditEvent, Case, CaseBlock, Competence, Evidence, Title
from vae.core.refusal import Refused


def imported(db, path=SAMPLE) -> dict[str, Title]:
    import_register_file(path)
    db.session.commit()
    return {t.rncp_code: t for t in db.session.scalars(select(Title))}


def test_the_title_page_lists_each_competence_with_its_code(db, client):
    current = imported(db)["RNCP90002"]
    page = client.get(f"/catalog/titles/{current.id}").get_data(as_text=True)
    for block in current.blocks:
        for competence in block.competences:
            assert f"{escape(competence.label)}</li>" in page
    assert page.count('class="competence-code"') == 7  # C1.1–C1.3 and 1.1, 1.1.1, 1.1.2, 1.2
    assert escape("Rendre compte de son intervention ›") in page  # a child shows its parent's text


def test_a_title_without_vae_is_listed_but_says_why_it_cannot_be_applied_for(db, client, login_as):
    reception = imported(db)["RNCP90003"]
    login_as("candidate", locale="en")
    page = client.get(f"/catalog/titles/{reception.id}").get_data(as_text=True)
    assert "does not open this title to VAE" in page and f"/cases/new?title_id={reception.id}" not in page
    listing = client.get("/catalog/?q=accueil").get_data(as_text=True)
    assert "RNCP90003" in listing and "not open to VAE" in listing


def test_a_title_whose_registration_ended_refuses_new_cases_and_says_open_ones_continue(db, client, make_user):
    import_register_file(_write(db, real_fiche("RNCP91000", "Titre échu", end="31/08/2022",
                                               blocks=(("RNCP91000BC01", "Bloc", "- A  - B"),))))
    db.session.commit()
    ended = db.session.scalar(select(Title).where(Title.rncp_code == "RNCP91000"))
    page = client.get(f"/catalog/titles/{ended.id}").get_data(as_text=True)
    assert "31/08/2022" in page or "2022" in page
    assert "se poursuivent" in page or "continue to their end" in page
    with pytest.raises(Refused, match="has ended|a pris fin"):
        candidate_ops.start_case(make_user("candidate"), ended, [ended.blocks[0].id], date(2026, 11, 27))


def test_no_case_can_be_started_for_a_title_without_vae(db, make_user):
    reception = imported(db)["RNCP90003"]
    with pytest.raises(Refused, match="does not open this title to VAE|n’ouvre pas ce titre à la VAE"):
        candidate_ops.start_case(make_user("candidate"), reception, [reception.blocks[0].id], date(2026, 11, 27))


def test_an_rs_certification_has_its_badge_and_is_applied_for_like_a_one_block_title(db, client, login_as):
    import_register_file(_write(db, real_fiche("RS5678", "Habilitation électrique", level=None,
                                               capacities="- Identifier les risques      - Appliquer les consignes")))
    db.session.commit()
    rs = db.session.scalar(select(Title).where(Title.rncp_code == "RS5678"))
    candidate = login_as("candidate", locale="en")
    page = client.get(f"/catalog/titles/{rs.id}").get_data(as_text=True)
    assert "Répertoire spécifique" in page and "not on the EQF scale" in page
    assert "Répertoire spécifique" in client.get("/catalog/?code=RS5678").get_data(as_text=True)
    response = client.post(f"/cases/new?title_id={rs.id}", data={"blocks": [rs.blocks[0].id]})
    assert response.status_code == 302
    case = db.session.scalar(select(Case).where(Case.candidate_id == candidate.id))
    assert [cb.block.code for cb in case.blocks] == ["RS5678"]
    block_page = client.get(f"/blocks/{case.blocks[0].id}").get_data(as_text=True)
    assert block_page.count('class="competence"') == 2


def test_an_rs_certification_can_be_certified_though_it_has_no_eqf_level(db, client):
    """The credential and the pages of an RS unit name the Répertoire spécifique, never "level None"."""
    import_register_file(_write(db, real_fiche("RS5679", "Habilitation", level=None,
                                               capacities="- Identifier les risques      - Appliquer les consignes")))
    db.session.commit()
    unit = db.session.scalar(select(Title).where(Title.rncp_code == "RS5679")).blocks[0]
    document = client.get(f"/achievements/{unit.code}.json").get_json()
    alignments = document["alignment"]
    assert [a["targetCode"] for a in alignments if a["targetType"] == "ext:EQFLevel"] == []
    assert any(a["targetCode"] == "RS5679" for a in alignments)
    page = client.get(f"/achievements/{unit.code}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "None" not in page and "Répertoire spécifique" in page


def test_the_block_page_offers_one_evidence_slot_per_competence_and_the_assessment(db, client, login_as):
    current = imported(db)["RNCP90002"]
    candidate = login_as("candidate", locale="en")
    case_block = _case_on(db, candidate, current.blocks[2])
    page = client.get(f"/blocks/{case_block.id}").get_data(as_text=True)
    assert page.count('class="competence"') == 4
    for competence in current.blocks[2].competences:
        assert f'id="c-{competence.id}"' in page
    assert "Entretien à partir d&#39;un dossier professionnel." in page or \
        "Entretien à partir d'un dossier professionnel." in page


def test_a_reimport_retires_a_vanished_competence_and_keeps_the_old_dossier_intact(db, client, login_as,
                                                                                  register_file):
    def version(items: str):
        return register_file(raw=register_xml(real_fiche("RNCP96000", blocks=(("RNCP96000BC01", "Nettoyer", items),))))

    import_register_file(version("- Analyser la demande  - Planifier les tâches  - Gérer les déchets"))
    db.session.commit()
    block = db.session.scalar(select(Title).where(Title.rncp_code == "RNCP96000")).blocks[0]
    planning = block.competences[1]
    candidate = login_as("candidate", locale="en")
    case_block = _case_on(db, candidate, block)
    db.session.add(Evidence(case_block=case_block, competence=planning, kind="at_interview", created_by=candidate))
    db.session.commit()
    case_block_id, planning_id = case_block.id, planning.id

    report = import_register_file(version("- Analyser la demande  - Gérer les déchets  - Trier les déchets"))
    db.session.commit()
    assert report.updated == 1
    block = db.session.scalar(select(Title).where(Title.rncp_code == "RNCP96000")).blocks[0]  # the import empties the session
    retired = db.session.get(Competence, planning_id)
    assert retired is not None and retired.retired_at is not None
    assert [c.label for c in block.competences] == ["Analyser la demande", "Gérer les déchets", "Trier les déchets"]
    evidence = db.session.scalar(select(Evidence).where(Evidence.case_block_id == case_block_id))
    assert evidence.competence_id == planning_id
    old_dossier = client.get(f"/blocks/{case_block_id}").get_data(as_text=True)
    assert "Planifier les tâches" in old_dossier and "no longer lists this competence" in old_dossier
    assert old_dossier.count('class="competence"') == 4

    newcomer = login_as("candidate", locale="en")
    new_dossier = client.get(f"/blocks/{_case_on(db, newcomer, block).id}").get_data(as_text=True)
    assert "Planifier les tâches" not in new_dossier and new_dossier.count('class="competence"') == 3

    # The register lists it again: the same competence comes back, with its evidence.
    import_register_file(version("- Analyser la demande  - Planifier les tâches"))
    db.session.commit()
    assert db.session.get(Competence, planning_id).retired_at is None


def test_an_admin_declares_an_equivalence_between_sibling_iperia_titles(db, client, login_as, titles):
    held = titles["RNCP37780"].blocks[0]
    sibling = titles["RNCP37792"].blocks[0]
    assert equivalent_block_ids({held.id}) == {held.id}
    login_as("admin", locale="en")
    assert "Declare an equivalence" in client.get("/catalog/equivalences").get_data(as_text=True)
    refused = client.post("/catalog/equivalences/declare", data={"old_block_code": held.code,
                                                                  "new_block_code": "RNCP00000BC09"})
    assert refused.status_code == 400 and "No block has this code" in refused.get_data(as_text=True)
    response = client.post("/catalog/equivalences/declare", data={"old_block_code": held.code,
                                                                   "new_block_code": sibling.code})
    assert response.status_code == 302
    assert equivalent_block_ids({held.id}) == {held.id, sibling.id}
    assert db.session.scalar(select(AuditEvent.event).where(AuditEvent.subject_type == "block_equivalence")) \
        == "equivalence_declared"
    assert "Declared by a certifier" in client.get("/catalog/equivalences").get_data(as_text=True)


def _write(db, *fiches: str):
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "register.xml"
    path.write_bytes(register_xml(*fiches))
    return path


def _case_on(db, candidate, block) -> CaseBlock:
    case = Case(candidate=candidate, title=block.title)
    case.blocks = [CaseBlock(block=block)]
    db.session.add(case)
    db.session.commit()
    return case.blocks[0]


def test_a_confirmed_register_correspondence_counts_toward_the_newer_titles_progress(db, make_user):
    from vae.catalog.equivalences import confirm_equivalence
    from vae.certification.documents import progress_by_title
    from vae.models import Block, BlockAward, BlockEquivalence

    titles = imported(db)
    candidate, admin = make_user("candidate"), make_user("admin")
    held = db.session.scalar(select(Block).where(Block.code == "RNCP90001BC01"))
    db.session.add(BlockAward(candidate_id=candidate.id, block_id=held.id, source="jury"))
    db.session.commit()
    newer_id = titles["RNCP90002"].id

    def held_toward_newer() -> int:
        progress = {p.title.rncp_code: p for p in progress_by_title(candidate.id, {newer_id})}
        return progress["RNCP90002"].count

    assert held_toward_newer() == 0  # proposed only
    proposal = db.session.scalar(select(BlockEquivalence).where(BlockEquivalence.old_block_id == held.id))
    confirm_equivalence(proposal, admin)
    db.session.commit()
    assert held_toward_newer() == 1
