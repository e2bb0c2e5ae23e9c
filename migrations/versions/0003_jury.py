"""A lawful jury: identity checked at the interview, each member's organisation, conflict declarations.

Revision ID: 0003_jury
Revises: 0003_api
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_jury"
down_revision = "0003_api"
branch_labels = None
depends_on = None

IDENTITY_DOCUMENTS = ("national_id_card", "passport", "residence_permit", "driving_licence", "other_document")
JURY_LINKS = ("none", "employer", "colleague", "taught_them", "relative", "mentor", "other_link")


def _in(column, values):
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade():
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.add_column(sa.Column("identity_document", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("identity_checked_at", sa.DateTime(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_interview_identity_document_valid"), "identity_document IS NULL OR " + _in("identity_document", IDENTITY_DOCUMENTS))
    with op.batch_alter_table("jury_member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organisation", sa.String(length=200), server_default="", nullable=False))
    op.create_table(
        "jury_declaration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("link", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("declared_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(_in("link", JURY_LINKS), name=op.f("ck_jury_declaration_link_valid")),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_jury_declaration_case_id_case"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["jury_member.id"],
                                name=op.f("fk_jury_declaration_member_id_jury_member"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jury_declaration")),
        sa.UniqueConstraint("member_id", "case_id", name=op.f("uq_jury_declaration_member_id_case_id")),
    )
    with op.batch_alter_table("jury_declaration", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_jury_declaration_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_jury_declaration_member_id"), ["member_id"], unique=False)


def downgrade():
    with op.batch_alter_table("jury_declaration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jury_declaration_member_id"))
        batch_op.drop_index(batch_op.f("ix_jury_declaration_case_id"))
    op.drop_table("jury_declaration")
    with op.batch_alter_table("jury_member", schema=None) as batch_op:
        batch_op.drop_column("organisation")
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_interview_identity_document_valid"), type_="check")
        batch_op.drop_column("identity_checked_at")
        batch_op.drop_column("identity_document")
