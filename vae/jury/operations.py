"""The jury's domain verbs. Explicit arguments, flush, never commit (the route does)."""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from vae.core.audit import record
from vae.core.claims import claim
from vae.core.clock import now
from vae.core.refusal import Refused
from vae.extensions import db
from vae.jury.calendar import interview_event
from vae.jury.results import result_of
from vae.models import Case, CaseBlock, Interview, JuryMember, JurySession, Title, User
from vae.models.states import INTERVIEW_OUTCOMES, JURY
from vae.outbox.queue import queue_mail
from vae.workflows.block import BLOCK
from vae.workflows.engine import Outcome
from vae.workflows.guards import reasons
from vae.workflows.guards.assessment import (
    SESSION_COMPOSITION_RULES,
    SLOT_RULES,
    gender_balance_warning,
    session_open,
)


def _audit_session(actor: User, session: JurySession, event: str, **data) -> None:
    record(actor, "jury_session", session.id, event, data=data)


# -- sessions and members ----------------------------------------------------------
def create_session(*, title: Title, starts_at: datetime, location: str, video_link: str, capacity: int,
                   actor: User) -> JurySession:
    session = JurySession(title=title, starts_at=starts_at, location=location.strip(),
                          video_link=video_link.strip(), capacity=capacity)
    db.session.add(session)
    db.session.flush()
    _audit_session(actor, session, "session_created")
    return session


def _editable(session: JurySession) -> None:
    if reason := session_open(session):
        raise Refused(reason)


def add_member(session: JurySession, *, user: User, qualification: str, gender: str | None,
               actor: User) -> JuryMember:
    _editable(session)
    if not user.has_role(JURY):
        raise Refused(_("%(name)s does not hold the jury role.", name=user.full_name))
    if any(m.user_id == user.id for m in session.members):
        raise Refused(_("%(name)s already sits on this jury.", name=user.full_name))
    member = JuryMember(user=user, qualification=qualification, gender=gender or None,
                        is_president=not session.members)  # the first member presides until changed
    session.members.append(member)
    db.session.flush()
    _audit_session(actor, session, "member_added", user_id=user.id, qualification=qualification)
    return member


def designate_president(session: JurySession, member: JuryMember, *, actor: User) -> None:
    _editable(session)
    for m in session.members:
        m.is_president = m is member
    db.session.flush()
    _audit_session(actor, session, "president_designated", user_id=member.user_id)


def remove_member(session: JurySession, member: JuryMember, *, actor: User) -> None:
    _editable(session)
    session.members.remove(member)
    db.session.flush()
    _audit_session(actor, session, "member_removed", user_id=member.user_id)


def composition_problems(session: JurySession) -> tuple[list[str], str | None]:
    """The blocking reasons that do not depend on a candidate, and the gender-balance warning."""
    return reasons(SESSION_COMPOSITION_RULES, session), gender_balance_warning(session)


# -- interviews ----------------------------------------------------------------------
def schedulable_cases(session: JurySession) -> list[Case]:
    """Cases of the session's title with blocks submitted and waiting for a slot."""
    return list(db.session.scalars(
        select(Case).where(Case.title_id == session.title_id,
                           Case.blocks.any(CaseBlock.state == "submitted"))
        .order_by(Case.id)))


def schedule_interview(session: JurySession, case: Case, *, starts_at: datetime, actor: User) -> Interview:
    """Book one slot for every submitted block of the case; on refusal the caller rolls back."""
    blocks = [cb for cb in case.blocks if cb.state == "submitted"]
    if not blocks:
        raise Refused(_("This candidate has no block waiting for an interview."))
    interview = Interview(session=session, case=case, starts_at=starts_at,
                          duration_minutes=case.title.interview_minutes(len(blocks)))
    db.session.add(interview)
    for cb in blocks:
        cb.interview = interview
    db.session.flush()
    refusals: list[str] = []
    for cb in blocks:
        outcome = BLOCK.fire(cb, "schedule", actor=actor, session=session)
        refusals += [r for r in outcome.reasons if r not in refusals]
    if refusals:
        raise Refused(refusals)
    _notify(interview, "jury_convocation")
    return interview


def reschedule_interview(interview: Interview, *, starts_at: datetime, actor: User) -> None:
    _editable(interview.session)
    if interview.state != "scheduled" or interview.outcome != "pending" or not interview.case_blocks:
        raise Refused(_("Only an interview still to be held can be moved."))
    previous = interview.starts_at
    interview.starts_at = starts_at
    db.session.flush()
    if refusals := reasons(SLOT_RULES, interview):
        raise Refused(refusals)
    record(actor, "interview", interview.id, "interview_rescheduled", case_id=interview.case_id,
           data={"from": previous.isoformat(), "to": starts_at.isoformat()})
    _notify(interview, "jury_convocation", sequence=1)


def cancel_interview(interview: Interview, *, reason: str, actor: User) -> None:
    """Blocks return to `submitted`; the slot is freed; everyone is told."""
    if interview.state != "scheduled":
        raise Refused(_("This interview is already cancelled."))
    people = _people_to_notify(interview)
    for cb in list(interview.case_blocks):
        BLOCK.fire(cb, "cancel_interview", actor=actor, reason=reason).or_refuse()
    interview.state = "cancelled"
    record(actor, "interview", interview.id, "interview_cancelled", case_id=interview.case_id, reason=reason)
    _notify(interview, "jury_cancellation", people=people, cancelled=True, sequence=2)
    db.session.flush()


def record_outcome(interview: Interview, *, outcome: str, actor: User) -> None:
    """The president says whether the interview took place; absent or excused frees the blocks."""
    _editable(interview.session)
    if outcome not in INTERVIEW_OUTCOMES or outcome == "pending":
        raise Refused(_("Choose an outcome."))
    if interview.outcome != "pending":
        raise Refused(_("The outcome of this interview is already recorded."))
    interview.outcome = outcome
    interview.outcome_recorded_at = now()
    record(actor, "interview", interview.id, "interview_outcome", case_id=interview.case_id,
           to_state=outcome)
    if outcome in ("absent", "excused"):
        for cb in list(interview.case_blocks):
            BLOCK.fire(cb, "cancel_interview", actor=actor, reason=f"candidate {outcome}").or_refuse()
    db.session.flush()


# -- decisions -----------------------------------------------------------------------
def decide_block(session: JurySession, case_block: CaseBlock, *, validated: bool, rationale: str,
                 recommendations: str, actor: User) -> Outcome:
    """The president's ruling on one block (the effect writes the BlockDecision row)."""
    return BLOCK.fire(case_block, "validate" if validated else "reject", actor=actor, session=session,
                      rationale=rationale, recommendations=recommendations).or_refuse()


def sign_session(session: JurySession, *, actor: User) -> None:
    """The president signs: decisions become read-only and results are sent to the candidates."""
    _editable(session)
    live = [i for i in session.interviews if i.state == "scheduled"]
    if not live:
        raise Refused(_("There is nothing to sign yet."))
    if any(result_of(i) == "pending" for i in live):
        raise Refused(_("Every interview needs its outcome and every block its decision before signing."))
    # One signature even if the president clicks twice at once: only the first UPDATE matches.
    if not claim(JurySession, session.id, JurySession.signed_at.is_(None), JurySession.state == session.state,
                 state="signed", signed_at=now(), signed_by_id=actor.id):
        raise Refused(_("This session has just been signed."))
    _audit_session(actor, session, "session_signed")
    for interview in live:
        queue_mail(interview.case.candidate, "jury_result", interview=interview,
                   result=result_of(interview), dedupe_key=f"jury-result-{interview.id}")
        interview.result_notified_at = now()
    db.session.flush()


def revoke_decision(case_block: CaseBlock, *, reason: str, actor: User) -> Outcome:
    """Only an admin annuls a decision, with a reason (the engine audits; the row is marked revoked)."""
    return BLOCK.fire(case_block, "reopen_decision", actor=actor, reason=reason).or_refuse()


def log_dossier_read(interview: Interview, reader: User) -> None:
    record(reader, "interview", interview.id, "dossier_read", case_id=interview.case_id)


# -- notices ---------------------------------------------------------------------------
def _people_to_notify(interview: Interview) -> list[User]:
    return [interview.case.candidate] + [m.user for m in interview.session.members]


def _notify(interview: Interview, template: str, *, people: list[User] | None = None,
            cancelled: bool = False, sequence: int = 0) -> None:
    session = interview.session
    ics = interview_event(
        uid=f"interview-{interview.id}@{current_app.config.get('PUBLIC_BASE_URL', 'vae').split('//')[-1]}",
        starts_at=interview.starts_at, minutes=interview.duration_minutes,
        summary=f"Entretien VAE · {session.title.rncp_code} · {interview.case.candidate.full_name}",
        location=session.video_link or session.location,
        description=", ".join(cb.block.code for cb in interview.case_blocks),
        stamp=now(), sequence=sequence, cancelled=cancelled)
    attachment = {"filename": "convocation.ics", "content_type": "text/calendar", "content": ics}
    for person in people or _people_to_notify(interview):
        queue_mail(person, template, interview=interview, session=session,
                   as_candidate=person.id == interview.case.candidate_id, attachments=[attachment])
