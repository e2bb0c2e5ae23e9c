"""Easy-read French (FALC): the user's preference for the easy-read mode of the candidate's pages.

Revision ID: 0004_falc
Revises: 0003_jury
"""
from alembic import op
import sqlalchemy as sa


revision = "0004_falc"
down_revision = "0004_sources"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("easy_read", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("easy_read")
