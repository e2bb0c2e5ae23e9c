"""Everything held about one person, as a zip of JSON and their own files (GDPR art. 15 and 20)."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy import inspect as sa_inspect
from werkzeug.utils import secure_filename

from vae.extensions import db
from vae.models import (
    Annotation, AuditEvent, BlockAward, BlockDecision, Case, Certificate, Evidence, Interview, OutboxMessage,
    TitleAward, User,
)
from vae.privacy.files import PathResolver, default_path_of

# Secrets are never exported, even to their owner.
HIDDEN_COLUMNS = {"password_hash", "session_nonce"}


def as_json(row) -> dict[str, Any]:
    """A row's own columns as JSON-friendly values."""
    out: dict[str, Any] = {}
    for column in sa_inspect(row).mapper.column_attrs:
        if column.key in HIDDEN_COLUMNS:
            continue
        value = getattr(row, column.key)
        if isinstance(value, (datetime, date)):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = float(value)
        out[column.key] = value
    return out


def personal_data(user: User) -> dict[str, Any]:
    cases = db.session.scalars(select(Case).where(Case.candidate_id == user.id).order_by(Case.id)).all()
    case_ids = [c.id for c in cases]
    block_ids = [b.id for c in cases for b in c.blocks]
    evidence = db.session.scalars(select(Evidence).where(
        or_(Evidence.case_block_id.in_(block_ids), Evidence.created_by_id == user.id)).order_by(Evidence.id)).all()
    return {
        "account": as_json(user) | {"roles": sorted(user.roles)},
        "cases": [as_json(c) | {
            "title": c.title.rncp_code,
            "blocks": [as_json(b) | {"block": b.block.code,
                                     "self_assessments": [as_json(s) for s in b.self_assessments]}
                       for b in c.blocks],
            "experiences": [as_json(e) for e in c.experiences],
        } for c in cases],
        "evidence": [as_json(e) for e in evidence],
        "annotations": [as_json(a) for a in db.session.scalars(select(Annotation).where(
            or_(Annotation.case_block_id.in_(block_ids), Annotation.author_id == user.id)).order_by(Annotation.id))],
        "interviews": [as_json(i) for i in db.session.scalars(
            select(Interview).where(Interview.case_id.in_(case_ids)).order_by(Interview.id))],
        "decisions": [as_json(d) for d in db.session.scalars(
            select(BlockDecision).where(BlockDecision.case_block_id.in_(block_ids)).order_by(BlockDecision.id))],
        "block_awards": [as_json(a) for a in db.session.scalars(
            select(BlockAward).where(BlockAward.candidate_id == user.id).order_by(BlockAward.id))],
        "title_awards": [as_json(a) for a in db.session.scalars(
            select(TitleAward).where(TitleAward.candidate_id == user.id).order_by(TitleAward.id))],
        "certificates": [as_json(c) for c in db.session.scalars(
            select(Certificate).where(Certificate.candidate_id == user.id).order_by(Certificate.id))],
        "messages": [as_json(m) for m in db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.recipient_id == user.id).order_by(OutboxMessage.id))],
        "journal": [as_json(a) for a in db.session.scalars(select(AuditEvent).where(
            or_(AuditEvent.actor_id == user.id, AuditEvent.case_id.in_(case_ids),
                (AuditEvent.subject_type == "user") & (AuditEvent.subject_id == user.id))).order_by(AuditEvent.id))],
    }


def personal_data_archive(user: User, resolve_path: PathResolver = default_path_of) -> bytes:
    """data.json plus files/<evidence id>-<safe name> for every file of theirs still on disk."""
    data = personal_data(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        missing = []
        for item in db.session.scalars(select(Evidence).where(
                Evidence.id.in_([e["id"] for e in data["evidence"]]), Evidence.file_id.is_not(None))):
            path = resolve_path(item.file)
            name = secure_filename(item.original_filename or "") or item.file.sha256[:16]
            if path.is_file():
                archive.write(path, f"files/{item.id}-{name}")
            else:
                missing.append(item.id)
        data["files_missing_for_evidence"] = missing
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        archive.writestr("README.txt", "data.json: everything this service holds about you.\n"
                                       "files/: the files you or your mentor uploaded to your cases.\n")
    return buffer.getvalue()
