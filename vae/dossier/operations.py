"""The block dossier's verbs: evidence and the honour statement. They flush; the route commits once."""
from __future__ import annotations

from flask_babel import gettext as _

from vae.core.audit import record
from vae.core.clock import now
from vae.core.refusal import Refused
from vae.extensions import db
from vae.models import CaseBlock, Competence, Evidence, User
from vae.storage.store import PendingUpload, stored_file_for


def require_documenting(case_block: CaseBlock) -> None:
    if case_block.state != "documenting":
        raise Refused(_("This block's dossier cannot be changed now."))


def competence_of(case_block: CaseBlock, competence_id: int | None) -> Competence | None:
    if competence_id is None:
        return None
    found = next((c for c in case_block.block.competences if c.id == competence_id), None)
    if found is None:
        raise Refused(_("This competence does not belong to this block."))
    return found


def add_evidence(case_block: CaseBlock, author: User, *, kind: str, competence_id: int | None, title: str,
                 body: str, upload: PendingUpload | None) -> Evidence:
    require_documenting(case_block)
    evidence = Evidence(case_block=case_block, competence=competence_of(case_block, competence_id), kind=kind,
                        title=title.strip(), body=body.strip(), created_by=author)
    if upload is not None:
        evidence.file = stored_file_for(upload)
        evidence.original_filename = upload.original_filename or None
    db.session.add(evidence)
    case_block.case.last_activity_at = now()
    db.session.flush()
    record(author, "evidence", evidence.id, "evidence_added", case_id=case_block.case_id,
           data={"kind": kind, "case_block_id": case_block.id})
    return evidence


def update_evidence(evidence: Evidence, author: User, *, title: str, body: str, competence_id: int | None) -> None:
    require_documenting(evidence.case_block)
    evidence.title, evidence.body = title.strip(), body.strip()
    evidence.competence = competence_of(evidence.case_block, competence_id)
    evidence.case_block.case.last_activity_at = now()
    record(author, "evidence", evidence.id, "evidence_updated", case_id=evidence.case_block.case_id)
    db.session.flush()


def remove_evidence(evidence: Evidence, author: User) -> None:
    require_documenting(evidence.case_block)
    record(author, "evidence", evidence.id, "evidence_removed", case_id=evidence.case_block.case_id)
    db.session.delete(evidence)
    db.session.flush()


def sign_honour_statement(case_block: CaseBlock) -> None:
    case_block.honour_signed_at = now()
    db.session.flush()
