"""The register's jury composition and per-block assessment, where the admin and the jury work."""
from __future__ import annotations

from tests.jury.conftest import scheduled, sitting, submitted_case  # noqa: F401  (fixtures)


def test_the_admin_building_a_jury_sees_the_registers_composition(db, client, login_as, scheduled):  # noqa: F811
    title = scheduled.session.title
    title.vae_jury_composition = "Trois membres dont deux professionnels du métier non formateurs."
    for block in title.blocks:
        block.assessment_modalities = f"Mise en situation et entretien ({block.code})."
    db.session.commit()
    login_as(scheduled.admin)
    page = client.get(f"/jury/admin/sessions/{scheduled.session.id}").get_data(as_text=True)
    assert "deux professionnels du métier non formateurs" in page
    login_as(scheduled.president)
    page = client.get(f"/jury/interviews/{scheduled.interview.id}").get_data(as_text=True)
    for case_block in scheduled.case.blocks:
        assert f"Mise en situation et entretien ({case_block.block.code})." in page


def test_the_jury_still_reads_evidence_of_a_competence_the_register_retired(db, client, login_as,
                                                                         scheduled):  # noqa: F811
    from vae.core.clock import now
    from vae.models import Evidence

    case_block = scheduled.case.blocks[0]
    retired = case_block.block.competences[0]
    db.session.add(Evidence(case_block=case_block, competence=retired, kind="text", title="Fiche de suivi remplie",
                            body="Détail", created_by=scheduled.case.candidate))
    retired.retired_at = now()
    db.session.commit()
    login_as(scheduled.president)
    page = client.get(f"/jury/interviews/{scheduled.interview.id}").get_data(as_text=True)
    assert "Fiche de suivi remplie" in page
