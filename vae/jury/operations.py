"""The jury's domain verbs. Explicit arguments, flush, never commit (the route does)."""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy import select

from vae.core.audit import record
from vae.core.claims import claim
from vae.core.clock import now
from vae.core.refusal import Refused, refuse_if
from vae.extensions import db
from vae.jury.calendar import interview_event
from vae.jury.results import result_of
from vae.models import Case, CaseBlock, Interview, JuryDeclaration, JuryMember, JurySession, Title, User
from vae.models.states import IDENTITY_DOCUMENTS, INTERVIEW_OUTCOMES, JURY, JURY_LINKS, JURY_QUALIFICATIONS
from vae.outbox.queue import queue_mail
from vae.workflows.block import BLOCK
from vae.workflows.engine import Outcome
from vae.workflows.guards import reasons
from vae.workflows.guards.assessment import (
    SESSION_COMPOSITION_RULES,
    SLOT_RULES,
    gender_balance_warning,
    interview_started,
    jury_problems,
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


def _booked(session: JurySession) -> list[Interview]:
    """Interviews whose jury still matters: booked, and not closed by an absence or an excuse."""
    return [i for i in session.interviews if i.state == "scheduled" and i.outcome in ("pending", "held")]


def _keeping_booked_interviews_lawful(session: JurySession, change) -> None:
    """Run a change of the jury, then refuse it if any booked interview's jury became unlawful.

    Refused rather than flagged: an admin who sees the change refused (and why) can first seat
    someone else or move the interview; a flag would surface only on the day, before the candidate.
    A change that repairs an interview, or leaves its known problems as they were, goes through.
    """
    booked = _booked(session)
    before = {i.id: set(jury_problems(i)) for i in booked}
    change()
    db.session.flush()
    new = [_("%(name)s (%(when)s): %(reason)s", name=i.case.candidate.full_name,
             when=format_datetime(i.starts_at, "short"), reason=r)
           for i in booked for r in jury_problems(i) if r not in before[i.id]]
    if new:
        raise Refused([_("This change would leave booked interviews without a lawful jury:")] + new)


def add_member(session: JurySession, *, user: User, qualification: str, gender: str | None,
               organisation: str = "", actor: User) -> JuryMember:
    _editable(session)
    if not user.has_role(JURY):
        raise Refused(_("%(name)s does not hold the jury role.", name=user.full_name))
    if any(m.user_id == user.id for m in session.members):
        raise Refused(_("%(name)s already sits on this jury.", name=user.full_name))
    member = JuryMember(user=user, qualification=qualification, gender=gender or None,
                        organisation=(organisation or "").strip(),
                        is_president=not session.members)  # the first member presides until changed
    _keeping_booked_interviews_lawful(session, lambda: session.members.append(member))
    _audit_session(actor, session, "member_added", user_id=user.id, qualification=qualification)
    return member


def update_member(session: JurySession, member: JuryMember, *, qualification: str, gender: str | None,
                  organisation: str, actor: User) -> None:
    """Correct a member's qualification, gender or organisation without taking them off the jury."""
    _editable(session)
    if qualification not in JURY_QUALIFICATIONS:
        raise Refused(_("Choose a qualification."))

    def change():
        member.qualification = qualification
        member.gender = gender or None
        member.organisation = (organisation or "").strip()

    _keeping_booked_interviews_lawful(session, change)
    _audit_session(actor, session, "member_updated", user_id=member.user_id, qualification=qualification)


def designate_president(session: JurySession, member: JuryMember, *, actor: User) -> None:
    _editable(session)

    def change():
        for m in session.members:
            m.is_president = m is member

    _keeping_booked_interviews_lawful(session, change)
    _audit_session(actor, session, "president_designated", user_id=member.user_id)


def remove_member(session: JurySession, member: JuryMember, *, actor: User) -> None:
    _editable(session)
    _keeping_booked_interviews_lawful(session, lambda: session.members.remove(member))
    _audit_session(actor, session, "member_removed", user_id=member.user_id)


# -- conflict declarations -------------------------------------------------------------
def candidates_of(session: JurySession) -> list[Case]:
    """The cases a member of this session may be asked to judge (one per booked interview)."""
    return list(dict.fromkeys(i.case for i in _booked(session)))


def declare_links(member: JuryMember, links: dict[int, tuple[str, str]], *, actor: User) -> None:
    """The member's declarations {case_id: (link, note)} for the candidates of their session."""
    session = member.session
    _editable(session)
    allowed = {c.id for c in candidates_of(session)}
    for case_id, (link, note) in links.items():
        if case_id not in allowed or link not in JURY_LINKS:
            continue
        declaration = next((d for d in member.declarations if d.case_id == case_id), None)
        if declaration is None:
            declaration = JuryDeclaration(case_id=case_id, link=link)
            member.declarations.append(declaration)
        declaration.link, declaration.note, declaration.declared_at = link, (note or "").strip(), now()
        db.session.flush()
        record(actor, "jury_session", session.id, "link_declared", case_id=case_id,
               data={"member_id": member.id, "link": link})
    db.session.flush()


def composition_problems(session: JurySession) -> tuple[list[str], str | None]:
    """The blocking reasons that do not depend on a candidate, and the gender-balance warning."""
    return reasons(SESSION_COMPOSITION_RULES, session), gender_balance_warning(session)


def interview_problems(session: JurySession) -> dict[int, list[str]]:
    """{interview id: reasons} for the booked interviews whose jury is not lawful (a late declaration)."""
    return {i.id: found for i in _booked(session) if (found := jury_problems(i))}


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


def record_outcome(interview: Interview, *, outcome: str, actor: User,
                   identity_document: str | None = None) -> None:
    """The president says whether the interview took place; absent or excused frees the blocks.

    An interview is held by a lawful jury, and only once its time has come."""
    _editable(interview.session)
    if outcome not in INTERVIEW_OUTCOMES or outcome == "pending":
        raise Refused(_("Choose an outcome."))
    if interview.outcome != "pending":
        raise Refused(_("The outcome of this interview is already recorded."))
    refuse_if([interview_started(interview)] + (jury_problems(interview) if outcome == "held" else []))
    interview.outcome = outcome
    interview.outcome_recorded_at = now()
    record(actor, "interview", interview.id, "interview_outcome", case_id=interview.case_id,
           to_state=outcome)
    if outcome in ("absent", "excused"):
        for cb in list(interview.case_blocks):
            BLOCK.fire(cb, "cancel_interview", actor=actor, reason=f"candidate {outcome}").or_refuse()
    db.session.flush()
    if outcome == "held" and identity_document:
        record_identity_check(interview, document=identity_document, actor=actor)


def record_identity_check(interview: Interview, *, document: str, actor: User) -> None:
    """The president saw the candidate's identity document: its kind is kept, never its number."""
    _editable(interview.session)
    if document not in IDENTITY_DOCUMENTS:
        raise Refused(_("Choose the identity document you checked."))
    refuse_if([interview_started(interview)])
    if interview.outcome != "held":
        raise Refused(_("Record that the interview was held first."))
    interview.identity_document = document
    interview.identity_checked_at = now()
    record(actor, "interview", interview.id, "identity_checked", case_id=interview.case_id,
           data={"document": document})
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
    # The decisions signed were taken by a lawful jury, after their interview: checked again, as the
    # jury or the declarations may have changed since.
    refuse_if(_("%(name)s: %(reason)s", name=i.case.candidate.full_name, reason=reason)
              for i in live if i.outcome == "held"
              for reason in [interview_started(i), *jury_problems(i)] if reason)
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
