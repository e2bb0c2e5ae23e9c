"""`flask vae demo` loads the real titles, accounts per role and cases in several states, once."""
from sqlalchemy import func, select

from vae.models import AuditEvent, Case, Title, User


def test_demo_loads_once_and_reaches_states_through_the_engine(runner, db):
    first = runner.invoke(args=["vae", "demo"])
    assert first.exit_code == 0, first.output
    assert "admin@demo.example.org" in first.output
    titles = db.session.scalar(select(func.count(Title.id)))
    users = db.session.scalar(select(func.count(User.id)))
    states = set(db.session.scalars(select(Case.state)))
    assert titles == 4 and users >= 8  # the three IPERIA titles and an older version of one
    assert {"draft", "submitted", "admissible", "incomplete"} <= states
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.subject_type == "case")) > 0

    second = runner.invoke(args=["vae", "demo"])
    assert second.exit_code == 0 and "already present" in second.output
    assert db.session.scalar(select(func.count(User.id))) == users
    assert db.session.scalar(select(func.count(Title.id))) == titles
