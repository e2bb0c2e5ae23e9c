"""Jobs run outside the request (certificate batches, mail, imports, exports, the deadline sweep).

Revision ID: 0004_scaleinfra
Revises: 0003_jury
"""
from alembic import op
import sqlalchemy as sa


revision = "0004_scaleinfra"
down_revision = "0004_recos"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "job_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("summary", sa.String(length=500), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("state IN ('queued', 'running', 'retrying', 'done', 'dead')",
                           name=op.f("ck_job_run_state_valid")),
        sa.ForeignKeyConstraint(["requested_by_id"], ["user.id"], name=op.f("fk_job_run_requested_by_id_user"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_run")),
    )
    with op.batch_alter_table("job_run", schema=None) as batch_op:
        batch_op.create_index("ix_job_run_state_created", ["state", "created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_job_run_requested_by_id"), ["requested_by_id"], unique=False)


def downgrade():
    with op.batch_alter_table("job_run", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_run_requested_by_id"))
        batch_op.drop_index("ix_job_run_state_created")
    op.drop_table("job_run")
