"""EU micro-credential elements: workload and ECTS per title and block, the interview's
mode (form of participation), and the learner's choice of name or initials on the
public page of a credential.

Revision ID: 0003_cred
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_cred"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("title", schema=None) as batch_op:
        batch_op.add_column(sa.Column("notional_workload_hours", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("ects_credits", sa.Double(), nullable=True))
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ects_credits", sa.Double(), nullable=True))
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mode", sa.String(length=10), server_default="onsite", nullable=False))
        batch_op.create_check_constraint(batch_op.f("ck_interview_mode_valid"),
                                         "mode IN ('onsite', 'online', 'hybrid')")
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public_name", sa.String(length=10), server_default="full", nullable=False))
        batch_op.create_check_constraint(batch_op.f("ck_certificate_public_name_valid"),
                                         "public_name IN ('full', 'initials')")


def downgrade():
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_certificate_public_name_valid"), type_="check")
        batch_op.drop_column("public_name")
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_interview_mode_valid"), type_="check")
        batch_op.drop_column("mode")
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.drop_column("ects_credits")
    with op.batch_alter_table("title", schema=None) as batch_op:
        batch_op.drop_column("ects_credits")
        batch_op.drop_column("notional_workload_hours")
