"""Records the learner owns: public share links to chosen credentials.

Revision ID: 0004_records
Revises: 0003_jury
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_records"
down_revision = "0004_falc"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "share_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["owner_id"], ["user.id"], name=op.f("fk_share_link_owner_id_user"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_link")),
        sa.UniqueConstraint("token", name=op.f("uq_share_link_token")),
    )
    with op.batch_alter_table("share_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_share_link_owner_id"), ["owner_id"], unique=False)
    op.create_table(
        "share_link_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("share_link_id", sa.Integer(), nullable=False),
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["certificate_id"], ["certificate.id"],
                                name=op.f("fk_share_link_item_certificate_id_certificate"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["share_link_id"], ["share_link.id"],
                                name=op.f("fk_share_link_item_share_link_id_share_link"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_link_item")),
        sa.UniqueConstraint("share_link_id", "certificate_id",
                            name=op.f("uq_share_link_item_share_link_id_certificate_id")),
    )
    with op.batch_alter_table("share_link_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_share_link_item_certificate_id"), ["certificate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_share_link_item_share_link_id"), ["share_link_id"], unique=False)


def downgrade():
    with op.batch_alter_table("share_link_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_share_link_item_share_link_id"))
        batch_op.drop_index(batch_op.f("ix_share_link_item_certificate_id"))
    op.drop_table("share_link_item")
    with op.batch_alter_table("share_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_share_link_owner_id"))
    op.drop_table("share_link")
