"""The real register: competence codes and retirement, VAE openness, RS titles, register links.

- competence: `code`, `context` (parent text of a hierarchical code), `retired_at`; the
  (block_id, position) uniqueness goes (a re-import reorders; retired ones keep theirs).
- title: `register` (rncp / rs), `vae_open`, `vae_jury_composition`; `eqf_level` may be
  NULL (the Répertoire spécifique is not on the EQF scale).
- block_equivalence: origin "admin" (declared where the register says nothing).
- register_link: versions and CORRESPONDANCES as the register states them, by code.

Revision ID: 0003_rncp
Revises: 0003_cred
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_rncp"
down_revision = "0003_cred"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("competence") as batch:
        batch.drop_constraint(op.f("uq_competence_block_id_position"), type_="unique")
        batch.add_column(sa.Column("code", sa.String(length=30), nullable=True))
        batch.add_column(sa.Column("context", sa.Text(), nullable=True))
        batch.add_column(sa.Column("retired_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("title") as batch:
        batch.add_column(sa.Column("register", sa.String(length=4), nullable=False, server_default="rncp"))
        batch.add_column(sa.Column("vae_open", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch.add_column(sa.Column("vae_jury_composition", sa.Text(), nullable=True))
        batch.alter_column("eqf_level", existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table("title") as batch:  # defaults were for existing rows only: the models set them
        batch.alter_column("register", server_default=None)
        batch.alter_column("vae_open", server_default=None)
    with op.batch_alter_table("block_equivalence") as batch:
        batch.drop_constraint(op.f("ck_block_equivalence_proposed_by_valid"), type_="check")
        batch.create_check_constraint("proposed_by_valid", "proposed_by IN ('register', 'label', 'admin')")
    op.create_table(
        "register_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stated_by", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("old_title", sa.String(length=20), nullable=True),
        sa.Column("old_block", sa.String(length=30), nullable=True),
        sa.Column("new_title", sa.String(length=20), nullable=True),
        sa.Column("new_block", sa.String(length=30), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_link")),
    )
    op.create_index(op.f("ix_register_link_stated_by"), "register_link", ["stated_by"])
    op.create_index(op.f("ix_register_link_old_title"), "register_link", ["old_title"])
    op.create_index(op.f("ix_register_link_new_title"), "register_link", ["new_title"])


def downgrade():
    op.drop_table("register_link")
    with op.batch_alter_table("block_equivalence") as batch:
        batch.drop_constraint(op.f("ck_block_equivalence_proposed_by_valid"), type_="check")
        batch.create_check_constraint("proposed_by_valid", "proposed_by IN ('register', 'label')")
    with op.batch_alter_table("title") as batch:
        batch.alter_column("eqf_level", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("vae_jury_composition")
        batch.drop_column("vae_open")
        batch.drop_column("register")
    with op.batch_alter_table("competence") as batch:
        batch.drop_column("retired_at")
        batch.drop_column("context")
        batch.drop_column("code")
        batch.create_unique_constraint(op.f("uq_competence_block_id_position"), ["block_id", "position"])
