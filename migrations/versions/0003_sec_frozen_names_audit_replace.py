"""Certificates keep the holder's name as certified; the journal refuses INSERT OR REPLACE.

- `certificate.holder_name`: frozen at issue (existing rows: the name in their signed
  credential when there is one, else the profile name today).
- SQLite's `INSERT OR REPLACE` deletes the conflicting row without firing DELETE triggers
  (recursive_triggers is off): a BEFORE INSERT trigger refuses an insert on an existing id.
  PostgreSQL has no REPLACE; `INSERT … ON CONFLICT DO UPDATE` fires the UPDATE trigger of 0002.

Revision ID: 0003_sec
Revises: 0003_rncp
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0003_sec"
down_revision = "0003_rncp"
branch_labels = None
depends_on = None

MESSAGE = "audit_event is append-only"
SQLITE_NO_REPLACE = f"""CREATE TRIGGER audit_event_no_replace BEFORE INSERT ON audit_event
    WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_event WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""


def upgrade():
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("holder_name", sa.String(length=200), nullable=False, server_default=""))
    _backfill_holder_names()
    if op.get_bind().dialect.name == "sqlite":
        op.execute(SQLITE_NO_REPLACE)


def _backfill_holder_names():
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT c.id, c.credential_json, u.first_name, u.last_name FROM certificate c "
        "JOIN \"user\" u ON u.id = c.candidate_id")).all()
    for cert_id, credential_json, first, last in rows:
        name = f"{first or ''} {last or ''}".strip()
        try:
            subject = json.loads(credential_json or "{}").get("credentialSubject") or {}
        except ValueError:
            subject = {}
        for identity in subject.get("identifier") or []:  # OB3 puts the learner's name here, unhashed
            if identity.get("identityType") == "name" and not identity.get("hashed"):
                name = identity.get("identityHash") or name
        bind.execute(sa.text("UPDATE certificate SET holder_name = :name WHERE id = :id"),
                     {"name": name[:200], "id": cert_id})


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_replace")
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_column("holder_name")
