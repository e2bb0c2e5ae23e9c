"""Indexes for keyset pages: the journal newest first by (occurred_at, id), the
admissibility queue by (state, submitted_at, id), so "next" is a range scan from the cursor.

Revision ID: 0006_keyset
Revises: 0006_jobpages
"""
from alembic import op

revision = "0006_keyset"
down_revision = "0006_jobpages"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_audit_event_at_id", "audit_event", ["occurred_at", "id"])
    op.drop_index("ix_case_state_submitted", table_name="case")
    op.create_index("ix_case_state_submitted", "case", ["state", "submitted_at", "id"])


def downgrade():
    op.drop_index("ix_case_state_submitted", table_name="case")
    op.create_index("ix_case_state_submitted", "case", ["state", "submitted_at"])
    op.drop_index("ix_audit_event_at_id", table_name="audit_event")
