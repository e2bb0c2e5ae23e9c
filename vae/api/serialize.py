"""Domain objects → API models, and cursor pagination."""
from __future__ import annotations

import base64
import json

from flask import url_for
from sqlalchemy import Select

from vae.api import schemas as s
from vae.api.problems import ApiProblem
from vae.extensions import db
from vae.workflows.phases import phase_of


# -- cursor pagination (opaque: base64url of the last id seen; ordered by id) ----------------
def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": last_id}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))["after"]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError
        return value
    except (ValueError, KeyError, TypeError, UnicodeError, json.JSONDecodeError) as error:
        raise ApiProblem(422, "The cursor is not one this API gave.", slug="validation",
                         errors=[{"location": ["query", "cursor"], "message": "invalid cursor",
                                  "type": "value_error"}]) from error


def page_of(query: Select, model, page: s.Page) -> tuple[list, str | None]:
    """One page of `query` (ordered by id), and the cursor of the next page (None at the end)."""
    after = decode_cursor(page.cursor)
    rows = list(db.session.scalars(query.where(model.id > after).order_by(model.id).limit(page.limit + 1)))
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    return rows, (encode_cursor(rows[-1].id) if more and rows else None)


# -- objects ------------------------------------------------------------------------------
def title_out(title) -> s.TitleOut:
    return s.TitleOut(
        id=title.id, rncp_code=title.rncp_code, label=title.label, eqf_level=title.eqf_level,
        certifier_name=title.certifier_name, active=title.active, end_date=title.end_date,
        blocks=[s.BlockOut(id=b.id, code=b.code, label=b.label, required=b.required,
                           notional_workload_hours=b.notional_workload_hours,
                           competences=[s.CompetenceOut(id=c.id, position=c.position, label=c.label)
                                        for c in b.competences])
                for b in title.blocks])


def events_out(workflow, obj, user) -> list[s.AvailableEvent]:
    return [s.AvailableEvent(event=a.event, label=a.label, target=a.target, allowed=a.allowed,
                             needs=list(a.needs), reasons=list(a.reasons))
            for a in workflow.available(obj, user)]


def case_block_out(case_block, user) -> s.CaseBlockOut:
    from vae.workflows.block import BLOCK

    return s.CaseBlockOut(
        id=case_block.id, case_id=case_block.case_id, block_id=case_block.block_id,
        block_code=case_block.block.code, block_label=case_block.block.label, state=case_block.state,
        phase=phase_of(case_block), submitted_at=case_block.submitted_at,
        honour_signed_at=case_block.honour_signed_at, interview_id=case_block.interview_id,
        available_events=events_out(BLOCK, case_block, user),
        links={"self": url_for("api.case_block", case_block_id=case_block.id),
               "case": url_for("api.case", case_id=case_block.case_id),
               "evidence": url_for("api.case_block_evidence", case_block_id=case_block.id)})


def case_out(case, user, blocks=None) -> s.CaseOut:
    from vae.workflows.case import CASE

    blocks = case.blocks if blocks is None else blocks
    return s.CaseOut(
        id=case.id, candidate_id=case.candidate_id, title_id=case.title_id, title_code=case.title.rncp_code,
        mentor_id=case.mentor_id, state=case.state, version=case.version, created_at=case.created_at,
        submitted_at=case.submitted_at, admissibility_decided_at=case.admissibility_decided_at,
        last_activity_at=case.last_activity_at, blocks=[case_block_out(cb, user) for cb in blocks],
        available_events=events_out(CASE, case, user))


def evidence_out(evidence) -> s.EvidenceOut:
    links = {"self": url_for("api.evidence", evidence_id=evidence.id)}
    if evidence.file is not None:
        links["file"] = url_for("api.evidence_file", evidence_id=evidence.id)
    return s.EvidenceOut(
        id=evidence.id, case_block_id=evidence.case_block_id, competence_id=evidence.competence_id,
        kind=evidence.kind, title=evidence.title, has_file=evidence.file is not None,
        mime_type=evidence.file.mime_type if evidence.file else None,
        size_bytes=evidence.file.size_bytes if evidence.file else None,
        original_filename=evidence.original_filename, created_at=evidence.created_at, links=links)


def interview_out(interview) -> s.InterviewOut:
    return s.InterviewOut(id=interview.id, session_id=interview.session_id, case_id=interview.case_id,
                          starts_at=interview.starts_at, duration_minutes=interview.duration_minutes,
                          state=interview.state, outcome=interview.outcome,
                          case_block_ids=[cb.id for cb in interview.case_blocks])


def session_out(session) -> s.SessionOut:
    return s.SessionOut(
        id=session.id, title_id=session.title_id, starts_at=session.starts_at, location=session.location,
        capacity=session.capacity, state=session.state, signed_at=session.signed_at,
        members=[s.MemberOut(id=m.id, user_id=m.user_id, name=m.user.full_name, qualification=m.qualification,
                             is_president=m.is_president) for m in session.members],
        interviews=[interview_out(i) for i in session.interviews])


def certificate_out(certificate) -> s.CertificateOut:
    return s.CertificateOut(
        public_id=certificate.public_id, kind=certificate.kind, candidate_id=certificate.candidate_id,
        issued_at=certificate.issued_at, revoked_at=certificate.revoked_at,
        links={"verify": url_for("certification.verify_page", public_id=certificate.public_id),
               "credential": url_for("certification.credential_json", public_id=certificate.public_id)})
