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
