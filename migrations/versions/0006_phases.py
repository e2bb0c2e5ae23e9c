"""phase_reached: the first moment each case and block reached each state (the dashboard's figures);
dashboard_snapshot.every_title: the full list of titles, apart from what the page loads.

Backfilled from the audit journal, so an existing database keeps its history: one row per
(subject, state) with the first time the journal shows it entering that state.

Revision ID: 0006_phases
Revises: 0005_fts
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_phases"
down_revision = "0005_fts"
branch_labels = None
depends_on = None

# The journal's first entry of each subject into each state (tests/dashboard run it too).
BACKFILL = """
    INSERT INTO phase_reached (subject_type, subject_id, state, reached_at)
    SELECT subject_type, subject_id, to_state, MIN(occurred_at)
      FROM audit_event
     WHERE subject_type IN ('case', 'case_block') AND to_state IS NOT NULL
     GROUP BY subject_type, subject_id, to_state
"""


def upgrade() -> None:
    op.create_table(
        "phase_reached",
        sa.Column("subject_type", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("state", sa.String(length=30), nullable=False),
        sa.Column("reached_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("subject_type", "subject_id", "state", name=op.f("pk_phase_reached")),
    )
    op.create_index("ix_phase_reached_state", "phase_reached", ["subject_type", "state", "reached_at"])
    op.execute(BACKFILL)
    # The dashboard page loads the first titles only; the full list (for the CSV) moves here.
    with op.batch_alter_table("dashboard_snapshot") as batch:
        batch.add_column(sa.Column("every_title", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dashboard_snapshot") as batch:
        batch.drop_column("every_title")
    op.drop_index("ix_phase_reached_state", table_name="phase_reached")
    op.drop_table("phase_reached")
