"""After a partial validation: the jury's structured recommendations per block, and how a title is funded.

Revision ID: 0004_recos
Revises: 0003_jury
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_recos"
down_revision = "0004_accomp"
branch_labels = None
depends_on = None

NEXT_STEPS = ("experience", "training", "new_attempt")
FUNDING_KINDS = ("cpf", "france_travail", "regional", "employer")


def _in(column, values):
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade():
    op.create_table(
        "block_recommendation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("block_id", sa.Integer(), nullable=False),
        sa.Column("next_step", sa.String(length=20), nullable=True),
        sa.Column("experience_months", sa.Integer(), nullable=True),
        sa.Column("training_module", sa.String(length=300), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("written_by_id", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(_in("next_step", NEXT_STEPS), name=op.f("ck_block_recommendation_next_step_valid")),
        sa.CheckConstraint("experience_months IS NULL OR experience_months BETWEEN 1 AND 60",
                           name=op.f("ck_block_recommendation_experience_months_valid")),
        sa.ForeignKeyConstraint(["block_id"], ["block.id"], name=op.f("fk_block_recommendation_block_id_block")),
        sa.ForeignKeyConstraint(["candidate_id"], ["user.id"], name=op.f("fk_block_recommendation_candidate_id_user")),
        sa.ForeignKeyConstraint(["decision_id"], ["block_decision.id"],
                                name=op.f("fk_block_recommendation_decision_id_block_decision")),
        sa.ForeignKeyConstraint(["written_by_id"], ["user.id"],
                                name=op.f("fk_block_recommendation_written_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_block_recommendation")),
        sa.UniqueConstraint("decision_id", name=op.f("uq_block_recommendation_decision_id")),
    )
    with op.batch_alter_table("block_recommendation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_block_recommendation_block_id"), ["block_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_block_recommendation_candidate_id"), ["candidate_id"], unique=False)
    op.create_table(
        "recommendation_shortfall",
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("competence_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["competence_id"], ["competence.id"],
                                name=op.f("fk_recommendation_shortfall_competence_id_competence")),
        sa.ForeignKeyConstraint(["recommendation_id"], ["block_recommendation.id"],
                                name=op.f("fk_recommendation_shortfall_recommendation_id_block_recommendation"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("recommendation_id", "competence_id", name=op.f("pk_recommendation_shortfall")),
    )
    op.create_table(
        "title_funding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("available", sa.Boolean(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(_in("kind", FUNDING_KINDS), name=op.f("ck_title_funding_kind_valid")),
        sa.ForeignKeyConstraint(["title_id"], ["title.id"], name=op.f("fk_title_funding_title_id_title"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_title_funding")),
        sa.UniqueConstraint("title_id", "kind", name=op.f("uq_title_funding_title_id_kind")),
    )
    with op.batch_alter_table("title_funding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_title_funding_title_id"), ["title_id"], unique=False)


def downgrade():
    with op.batch_alter_table("title_funding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_title_funding_title_id"))
    op.drop_table("title_funding")
    op.drop_table("recommendation_shortfall")
    with op.batch_alter_table("block_recommendation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_block_recommendation_candidate_id"))
        batch_op.drop_index(batch_op.f("ix_block_recommendation_block_id"))
    op.drop_table("block_recommendation")
