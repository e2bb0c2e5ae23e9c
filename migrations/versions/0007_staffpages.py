"""The catalogue's order as an index: open titles first, then by label and id, so the
first page of 20,000 titles reads 20 index entries instead of sorting them all.

Revision ID: 0007_staffpages
Revises: 0006_keyset
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_staffpages"
down_revision = "0006_keyset"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_title_catalog_order", "title", [sa.text("active DESC"), "label", "id"])


def downgrade():
    op.drop_index("ix_title_catalog_order", table_name="title")
