"""Every road to a block: training, exam and outside-certifier claims, and the award's claim.

Revision ID: 0004_sources
Revises: 0003_jury
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_sources"
down_revision = "0003_jury"
branch_labels = None
depends_on = None

OLD_AWARD_SOURCES = ("jury", "equivalence")
AWARD_SOURCES = ("jury", "equivalence", "training", "exam", "outside")
CLAIM_SOURCES = ("training", "exam", "outside")
CLAIM_STATES = ("declared", "accepted", "refused")


def _in(column, values):
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade():
    op.create_table(
        "block_claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("block_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("awarding_body", sa.String(length=200), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("assessment_reference", sa.String(length=100), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=True),
        sa.Column("original_filename", sa.String(length=255), nullable=True),
        sa.Column("credential_json", sa.Text(), nullable=True),
        sa.Column("verification", sa.JSON(), nullable=True),
        sa.Column("declared_by_id", sa.Integer(), nullable=True),
        sa.Column("declared_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("refusal_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(_in("source", CLAIM_SOURCES), name=op.f("ck_block_claim_source_valid")),
        sa.CheckConstraint(_in("state", CLAIM_STATES), name=op.f("ck_block_claim_state_valid")),
        sa.ForeignKeyConstraint(["block_id"], ["block.id"], name=op.f("fk_block_claim_block_id_block")),
        sa.ForeignKeyConstraint(["candidate_id"], ["user.id"], name=op.f("fk_block_claim_candidate_id_user")),
        sa.ForeignKeyConstraint(["declared_by_id"], ["user.id"], name=op.f("fk_block_claim_declared_by_id_user")),
        sa.ForeignKeyConstraint(["decided_by_id"], ["user.id"], name=op.f("fk_block_claim_decided_by_id_user")),
        sa.ForeignKeyConstraint(["file_id"], ["stored_file.id"], name=op.f("fk_block_claim_file_id_stored_file")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_block_claim")),
    )
    with op.batch_alter_table("block_claim", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_block_claim_block_id"), ["block_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_block_claim_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_block_claim_state"), ["state"], unique=False)
    with op.batch_alter_table("block_award", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claim_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_block_award_claim_id_block_claim"), "block_claim",
                                    ["claim_id"], ["id"])
        batch_op.drop_constraint(batch_op.f("ck_block_award_source_valid"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_block_award_source_valid"), _in("source", AWARD_SOURCES))


def downgrade():
    with op.batch_alter_table("block_award", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_block_award_source_valid"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_block_award_source_valid"),
                                         _in("source", OLD_AWARD_SOURCES))
        batch_op.drop_constraint(batch_op.f("fk_block_award_claim_id_block_claim"), type_="foreignkey")
        batch_op.drop_column("claim_id")
    with op.batch_alter_table("block_claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_block_claim_state"))
        batch_op.drop_index(batch_op.f("ix_block_claim_candidate_id"))
        batch_op.drop_index(batch_op.f("ix_block_claim_block_id"))
    op.drop_table("block_claim")
