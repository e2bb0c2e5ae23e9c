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
    Annotation, AssistedProposal, AuditEvent, BlockAward, BlockClaim, BlockDecision, Case, Certificate, Evidence,
    Interview, MeetingAttendee, OutboxMessage, ShareLink, TitleAward, User,
)
from vae.jury.recommendations import published_recommendations
from vae.jury.publication import award_published, decision_published, published_block_state, published_case_state
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


def _unpublished_journal(event: AuditEvent, hidden_block_ids: set[int], hidden_case_ids: set[int]) -> bool:
    """The journal's record of a decision (or of the case closing on it) before the signature."""
    if event.subject_type == "case_block":
        return event.subject_id in hidden_block_ids and (event.to_state in ("validated", "not_validated")
                                                         or event.event == "recommendation_written")
    return event.subject_type == "case" and event.subject_id in hidden_case_ids and event.to_state == "closed"


def personal_data(user: User) -> dict[str, Any]:
    """Everything held about them, except a jury's decision not signed yet (it is not theirs to read yet)."""
    cases = db.session.scalars(select(Case).where(Case.candidate_id == user.id).order_by(Case.id)).all()
    case_ids = [c.id for c in cases]
    block_ids = [b.id for c in cases for b in c.blocks]
    hidden = {b.id for c in cases for b in c.blocks if not decision_published(b)}
    hidden_cases = {c.id for c in cases if any(b.id in hidden for b in c.blocks)}
    evidence = db.session.scalars(select(Evidence).where(
        or_(Evidence.case_block_id.in_(block_ids), Evidence.created_by_id == user.id)).order_by(Evidence.id)).all()
    return {
        "account": as_json(user) | {"roles": sorted(user.roles)},
        "cases": [as_json(c) | {
            "state": published_case_state(c),
            "title": c.title.rncp_code,
            "blocks": [as_json(b) | {"state": published_block_state(b), "block": b.block.code,
                                     "self_assessments": [as_json(s) for s in b.self_assessments]}
                       for b in c.blocks],
            "experiences": [as_json(e) for e in c.experiences],
        } for c in cases],
        "evidence": [as_json(e) for e in evidence],
        "annotations": [as_json(a) for a in db.session.scalars(select(Annotation).where(
            or_(Annotation.case_block_id.in_(block_ids), Annotation.author_id == user.id)).order_by(Annotation.id))],
        "assisted_proposals": [as_json(p) for p in db.session.scalars(select(AssistedProposal).where(
            AssistedProposal.case_block_id.in_(block_ids)).order_by(AssistedProposal.id))],
        "accompaniment": [as_json(a) | {"meeting": as_json(a.meeting)} for a in db.session.scalars(
            select(MeetingAttendee).where(MeetingAttendee.case_id.in_(case_ids)).order_by(MeetingAttendee.id))],
        "interviews": [as_json(i) for i in db.session.scalars(
            select(Interview).where(Interview.case_id.in_(case_ids)).order_by(Interview.id))],
        "decisions": [as_json(d) for d in db.session.scalars(
            select(BlockDecision).where(BlockDecision.case_block_id.in_(block_ids)).order_by(BlockDecision.id))
            if d.case_block_id not in hidden],
        # The jury's recommendations on blocks not validated, once their session is signed.
        "recommendations": [as_json(r) | {"shortfalls": [c.id for c in r.shortfalls]}
                            for r in published_recommendations(user.id)],
        "block_awards": [as_json(a) for a in db.session.scalars(
            select(BlockAward).where(BlockAward.candidate_id == user.id).order_by(BlockAward.id))
            if award_published(a)],
        # Blocks declared by other roads (training, exam, another certifier), whatever their state.
        "block_claims": [as_json(c) for c in db.session.scalars(
            select(BlockClaim).where(BlockClaim.candidate_id == user.id).order_by(BlockClaim.id))],
        # A full title earned by an unsigned decision waits for the signature too.
        "title_awards": [as_json(a) for a in db.session.scalars(
            select(TitleAward).where(TitleAward.candidate_id == user.id).order_by(TitleAward.id))
            if a.title_id not in {c.title_id for c in cases if c.id in hidden_cases}],
        "certificates": [as_json(c) for c in db.session.scalars(
            select(Certificate).where(Certificate.candidate_id == user.id).order_by(Certificate.id))],
        # The learner's share links and what each one shows.
        "share_links": [as_json(link) | {"certificates": [c.public_id for c in link.certificates]}
                        for link in db.session.scalars(
                            select(ShareLink).where(ShareLink.owner_id == user.id).order_by(ShareLink.id))],
        "messages": [as_json(m) for m in db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.recipient_id == user.id).order_by(OutboxMessage.id))],
        "journal": [as_json(a) for a in db.session.scalars(select(AuditEvent).where(
            or_(AuditEvent.actor_id == user.id, AuditEvent.case_id.in_(case_ids),
                (AuditEvent.subject_type == "user") & (AuditEvent.subject_id == user.id))).order_by(AuditEvent.id))
            if not _unpublished_journal(a, hidden, hidden_cases)],
    }


def _write_claim_proofs(archive: zipfile.ZipFile, data: dict[str, Any],
                        resolve_path: PathResolver) -> tuple[list[dict[str, Any]], list[int]]:
    """claim_files/<claim id>-<safe name>: the proof given for each block claimed by another road.
    Returns the index of what was written and the claims whose file is no longer on disk."""
    written, missing = [], []
    for claim in db.session.scalars(select(BlockClaim).where(
            BlockClaim.id.in_([c["id"] for c in data["block_claims"]]), BlockClaim.file_id.is_not(None))
            .order_by(BlockClaim.id)):
        path = resolve_path(claim.file)
        name = secure_filename(claim.original_filename or "") or claim.file.sha256[:16]
        if not path.is_file():
            missing.append(claim.id)
            continue
        archive.write(path, f"claim_files/{claim.id}-{name}")
        written.append({"claim_id": claim.id, "block": claim.block.code, "source": claim.source,
                        "file": f"claim_files/{claim.id}-{name}"})
    return written, missing


def personal_data_archive(user: User, resolve_path: PathResolver = default_path_of) -> bytes:
    """data.json plus files/<evidence id>-<safe name> for every file of theirs still on disk,
    and claim_files/<claim id>-<safe name> for the proofs of their block claims."""
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
        data["claim_files"], data["files_missing_for_claims"] = _write_claim_proofs(archive, data, resolve_path)
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        archive.writestr("README.txt", "data.json: everything this service holds about you.\n"
                                       "files/: the files you or your mentor uploaded to your cases.\n"
                                       "claim_files/: the proofs of blocks obtained elsewhere (training, exam,\n"
                                       "another certifier), listed in data.json under claim_files.\n")
    return buffer.getvalue()
