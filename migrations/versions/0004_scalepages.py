"""Indexes that let every staff list read one page (the admin home queue's order, the
mentor's queue, the people list), and the dashboard's stored figures.

Revision ID: 0004_scalepages
Revises: 0003_jury
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_scalepages"
down_revision = "0004_scaleinfra"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_case_mentor_activity", "case", ["mentor_id", "last_activity_at"])
    op.create_index("ix_case_queue_order", "case",
                    ["state", sa.text("(submitted_at IS NULL)"), "submitted_at", "last_activity_at", "id"])
    op.create_index("ix_user_name_order", "user", ["last_name", "first_name", "id"])
    op.create_table(
        "dashboard_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_snapshot")),
    )


def downgrade():
    op.drop_table("dashboard_snapshot")
    op.drop_index("ix_user_name_order", table_name="user")
    op.drop_index("ix_case_queue_order", table_name="case")
    op.drop_index("ix_case_mentor_activity", table_name="case")
