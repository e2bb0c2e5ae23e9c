"""Annotations on a block's dossier: they flush, the route commits."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from vae.core.audit import record
from vae.core.clock import now
from vae.core.refusal import Refused
from vae.extensions import db
from vae.models import Annotation, CaseBlock, Evidence, User
from vae.storage.store import PendingUpload, stored_file_for


def annotate(case_block: CaseBlock, author: User, *, kind: str, body: str, evidence_id: int | None) -> Annotation:
    if evidence_id is not None and not any(e_id == evidence_id for e_id in _evidence_ids(case_block)):
        raise Refused(_("This evidence does not belong to this block."))
    note = Annotation(case_block=case_block, author=author, kind=kind, body=body.strip(), evidence_id=evidence_id)
    db.session.add(note)
    db.session.flush()
    record(author, "annotation", note.id, "annotated", case_id=case_block.case_id, data={"kind": kind})
    return note


def _evidence_ids(case_block: CaseBlock) -> list[int]:
    return list(db.session.scalars(select(Evidence.id).where(Evidence.case_block_id == case_block.id)))


def reply(parent: Annotation, author: User, body: str, *, recording: PendingUpload | None = None) -> Annotation:
    """Answer a thread in writing, or by a recording (then the body may stay empty)."""
    if parent.parent_id is not None:
        parent = db.session.get(Annotation, parent.parent_id)  # threads are one level deep
    if recording is None and not body.strip():
        raise Refused(_("Write your answer before sending it."))
    answer = Annotation(case_block_id=parent.case_block_id, parent_id=parent.id, author=author, kind="reply",
                        body=body.strip(), file=stored_file_for(recording) if recording else None)
    db.session.add(answer)
    parent.case_block.case.last_activity_at = now()
    db.session.flush()
    record(author, "annotation", answer.id, "replied", case_id=parent.case_block.case_id,
           data={"recorded": True} if recording else None)
    return answer


def resolve(note: Annotation, actor: User) -> None:
    if note.parent_id is not None:
        raise Refused(_("Only a thread can be resolved, not a reply."))
    if note.resolved_at is None:
        note.resolved_at, note.resolved_by_id = now(), actor.id
        record(actor, "annotation", note.id, "resolved", case_id=note.case_block.case_id)
    db.session.flush()
