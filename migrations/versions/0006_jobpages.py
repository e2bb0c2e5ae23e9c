"""Jobs started from the pages: a job keeps what it produced (an import's report, an archive's name).

Revision ID: 0006_jobpages
Revises: 0006_phases
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_jobpages"
down_revision = "0006_phases"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("job_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("report", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("job_run", schema=None) as batch_op:
        batch_op.drop_column("report")
