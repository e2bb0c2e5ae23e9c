"""Assisted entry: the mentor types or records an evidence item FOR the candidate. It is a proposal until
the candidate confirms it from their own account ("c'est bien ce que j'ai dit"); only then does it enter
the dossier (and count for the competence). The audit keeps who typed it and who confirmed it."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from vae.accompaniment.states import PROPOSAL_MOVES, move
from vae.core.audit import record
from vae.core.clock import now
from vae.core.refusal import Refused
from vae.dossier.operations import competence_of, require_documenting
from vae.extensions import db
from vae.models import AssistedProposal, CaseBlock, Evidence, Meeting, User
from vae.storage.store import PendingUpload, stored_file_for

OPEN_STATES = ("proposed", "refused")


def propose(case_block: CaseBlock, mentor: User, *, kind: str, competence_id: int | None, title: str, body: str,
            upload: PendingUpload | None, meeting: Meeting | None = None) -> AssistedProposal:
    require_documenting(case_block)
    if case_block.case.mentor_id != mentor.id:
        raise Refused(_("Only the candidate's mentor can enter evidence for them."))
    if kind == "text" and not body.strip():
        raise Refused(_("Write what the candidate said before proposing it."))
    proposal = AssistedProposal(case_block=case_block, competence=competence_of(case_block, competence_id),
                                kind=kind, title=title.strip(), body=body.strip(), typed_by=mentor, meeting=meeting,
                                refusal_reason="")
    if upload is not None:
        proposal.file = stored_file_for(upload)
        proposal.original_filename = upload.original_filename or None
    db.session.add(proposal)
    db.session.flush()
    record(mentor, "proposal", proposal.id, "proposal_typed", case_id=case_block.case_id, to_state="proposed",
           data={"kind": kind, "case_block_id": case_block.id})
    return proposal


def _require_candidate(proposal: AssistedProposal, candidate: User) -> None:
    if proposal.case_block.case.candidate_id != candidate.id:
        raise Refused(_("Only the candidate can answer this proposal."))


def refuse(proposal: AssistedProposal, candidate: User, reason: str) -> None:
    _require_candidate(proposal, candidate)
    require_documenting(proposal.case_block)
    move(proposal, PROPOSAL_MOVES, "refuse", candidate, subject_type="proposal",
         case_id=proposal.case_block.case_id, reason=reason.strip())
    proposal.refusal_reason = reason.strip()
    db.session.flush()


def change(proposal: AssistedProposal, actor: User, *, title: str, body: str) -> None:
    """The candidate corrects the words while it is proposed; the mentor rewrites it, even once refused."""
    is_candidate = proposal.case_block.case.candidate_id == actor.id
    is_mentor = proposal.case_block.case.mentor_id == actor.id
    if not (is_candidate or is_mentor) or (is_candidate and not is_mentor and proposal.state != "proposed"):
        raise Refused(_("This proposal cannot be changed by you now."))
    require_documenting(proposal.case_block)
    if proposal.kind == "text" and not body.strip():
        raise Refused(_("Write what the candidate said before proposing it."))
    move(proposal, PROPOSAL_MOVES, "change", actor, subject_type="proposal", case_id=proposal.case_block.case_id,
         data={"by": "candidate" if is_candidate else "mentor"})
    proposal.title, proposal.body, proposal.refusal_reason = title.strip(), body.strip(), ""
    db.session.flush()


def confirm(proposal: AssistedProposal, candidate: User) -> Evidence:
    """The candidate's word: the proposal becomes an evidence item of their dossier."""
    _require_candidate(proposal, candidate)
    require_documenting(proposal.case_block)
    move(proposal, PROPOSAL_MOVES, "confirm", candidate, subject_type="proposal",
         case_id=proposal.case_block.case_id, data={"typed_by": proposal.typed_by_id})
    evidence = Evidence(case_block=proposal.case_block, competence=proposal.competence, kind=proposal.kind,
                        title=proposal.title, body=proposal.body, file=proposal.file,
                        original_filename=proposal.original_filename, created_by=candidate,
                        typed_by=proposal.typed_by)
    db.session.add(evidence)
    proposal.case_block.case.last_activity_at = now()
    db.session.flush()
    proposal.evidence = evidence
    record(candidate, "evidence", evidence.id, "evidence_added", case_id=proposal.case_block.case_id,
           data={"kind": proposal.kind, "case_block_id": proposal.case_block_id, "typed_by": proposal.typed_by_id,
                 "confirmed_by": candidate.id, "proposal_id": proposal.id})
    db.session.flush()
    return evidence


def open_proposals(case_block: CaseBlock) -> list[AssistedProposal]:
    """Proposals still waiting for the candidate's word (or refused): never shown to the jury."""
    return list(db.session.scalars(
        select(AssistedProposal).where(AssistedProposal.case_block_id == case_block.id,
                                       AssistedProposal.state.in_(OPEN_STATES))
        .order_by(AssistedProposal.created_at, AssistedProposal.id)))
