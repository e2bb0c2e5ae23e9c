from sqlalchemy import func, select

from vae.models import Certificate


def test_demo_has_a_certified_candidate_and_stays_idempotent(db, runner):
    for _ in range(2):
        result = runner.invoke(args=["vae", "demo"])
        assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count(Certificate.id)).where(Certificate.kind == "block")) == 2
