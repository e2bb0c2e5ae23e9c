"""Who may see what: every query that reads a case goes through here.

Deny by default: a person sees a case only through a relation to it
(its candidate, its assigned mentor, a member of a jury session that
interviews it, or certifier staff). A jury member who declared a link with
the candidate (employer, relative...: anything but "none") loses the jury
relation to that case: impartiality, whatever the session's composition. Routes answer 404 for anything else,
so that ids of other people's files reveal nothing.
"""
from __future__ import annotations

from sqlalchemy import Select, and_, exists, false, or_, select
from werkzeug.exceptions import NotFound

from vae.extensions import db
from vae.models import (Annotation, Case, CaseBlock, Certificate, Evidence, Interview, JuryDeclaration, JuryMember,
                        JurySession, User)
from vae.models.states import ADMIN, CANDIDATE, JURY, MENTOR, NO_LINK

PRESIDENT = "president"


def case_of(obj) -> Case:
    """The case an object belongs to (a case is its own)."""
    if isinstance(obj, Case):
        return obj
    if isinstance(obj, CaseBlock):
        return obj.case
    case = getattr(obj, "case", None)
    if case is None and getattr(obj, "case_block", None) is not None:
        case = obj.case_block.case
    if case is None:
        raise TypeError(f"{obj!r} does not belong to a case")
    return case


def _declared_link(user: User, case_id):
    """EXISTS: this user, on any jury seat, declared a link with the case's candidate."""
    return exists().where(
        JuryDeclaration.case_id == case_id,
        JuryDeclaration.link != NO_LINK,
        JuryDeclaration.member_id == JuryMember.id,
        JuryMember.user_id == user.id,
    )


def _jury_membership(user: User, obj) -> JuryMember | None:
    """The user's seat on the jury that interviews this block (or any block of this case),
    unless they declared a link with its candidate."""
    if db.session.scalar(select(_declared_link(user, case_of(obj).id))):
        return None
    if isinstance(obj, CaseBlock):
        interviews = [obj.interview] if obj.interview is not None else []
    else:
        interviews = db.session.scalars(
            select(Interview).where(Interview.case_id == case_of(obj).id, Interview.state == "scheduled")
        ).all()
    for interview in interviews:
        if interview.state != "scheduled":
            continue
        for member in interview.session.members:
            if member.user_id == user.id:
                return member
    return None


def relations_to(user: User, obj) -> set[str]:
    """Every capacity in which this user acts on this object's case."""
    if user is None or not user.is_authenticated or not user.active:
        return set()
    case = case_of(obj)
    relations: set[str] = set()
    if user.has_role(ADMIN):
        relations.add(ADMIN)
    if user.has_role(CANDIDATE) and case.candidate_id == user.id:
        relations.add(CANDIDATE)
    if user.has_role(MENTOR) and case.mentor_id == user.id:
        relations.add(MENTOR)
    if user.has_role(JURY):
        member = _jury_membership(user, obj)
        if member is not None:
            relations.add(JURY)
            if member.is_president:
                relations.add(PRESIDENT)
    return relations


def _sits_on_jury_of_case(user: User):
    return exists().where(
        Interview.case_id == Case.id,
        Interview.state == "scheduled",
        JuryMember.session_id == Interview.session_id,
        JuryMember.user_id == user.id,
    )


def visible_cases(user: User) -> Select:
    """SELECT of the cases this user may read, by role and assignment."""
    if user is None or not user.is_authenticated or not user.active:
        return select(Case).where(false())
    conditions = []
    if user.has_role(ADMIN):
        return select(Case)
    if user.has_role(CANDIDATE):
        conditions.append(Case.candidate_id == user.id)
    if user.has_role(MENTOR):
        conditions.append(Case.mentor_id == user.id)
    if user.has_role(JURY):
        conditions.append(and_(_sits_on_jury_of_case(user), ~_declared_link(user, Case.id)))
    return select(Case).where(or_(*conditions) if conditions else false())


def visible_case_blocks(user: User) -> Select:
    """SELECT of the case blocks this user may read; a jury sees only blocks put before its session."""
    if user is None or not user.is_authenticated or not user.active:
        return select(CaseBlock).where(false())
    if user.has_role(ADMIN):
        return select(CaseBlock)
    conditions = []
    if user.has_role(CANDIDATE):
        conditions.append(CaseBlock.case.has(Case.candidate_id == user.id))
    if user.has_role(MENTOR):
        conditions.append(CaseBlock.case.has(Case.mentor_id == user.id))
    if user.has_role(JURY):
        conditions.append(and_(
            exists().where(
                Interview.id == CaseBlock.interview_id,
                Interview.state == "scheduled",
                JuryMember.session_id == Interview.session_id,
                JuryMember.user_id == user.id,
            ),
            ~_declared_link(user, CaseBlock.case_id),
        ))
    return select(CaseBlock).where(or_(*conditions) if conditions else false())


def get_case_or_404(user: User, case_id: int) -> Case:
    case = db.session.scalar(visible_cases(user).where(Case.id == case_id))
    if case is None:
        raise NotFound()
    return case


def get_case_block_or_404(user: User, case_block_id: int) -> CaseBlock:
    block = db.session.scalar(visible_case_blocks(user).where(CaseBlock.id == case_block_id))
    if block is None:
        raise NotFound()
    return block


def _in_visible_block_or_404(user: User, model, object_id: int):
    """An object attached to a case block (evidence, annotation) that this user may read."""
    visible = visible_case_blocks(user).with_only_columns(CaseBlock.id)
    found = db.session.scalar(select(model).where(model.id == object_id, model.case_block_id.in_(visible)))
    if found is None:
        raise NotFound()
    return found


def get_evidence_or_404(user: User, evidence_id: int):
    """An evidence item of a case block this user may read (so a jury only once scheduled)."""
    return _in_visible_block_or_404(user, Evidence, evidence_id)


def get_annotation_or_404(user: User, annotation_id: int):
    return _in_visible_block_or_404(user, Annotation, annotation_id)


def visible_certificates(user: User) -> Select:
    """Certificates a signed-in user may download: their own, or all for certifier staff.

    (Anyone may *verify* a certificate by its public id: that page shows no more than the credential.)
    """
    if user is None or not user.is_authenticated or not user.active:
        return select(Certificate).where(false())
    if user.has_role(ADMIN):
        return select(Certificate)
    return select(Certificate).where(Certificate.candidate_id == user.id)


def get_certificate_or_404(user: User, public_id: str):
    certificate = db.session.scalar(visible_certificates(user).where(Certificate.public_id == public_id))
    if certificate is None:
        raise NotFound()
    return certificate


# -- jury sessions and interviews ----------------------------------------------------
def sessions_of_member(user: User) -> Select:
    """SELECT of the jury sessions this user sits on (the only sessions a jury member sees)."""
    if user is None or not user.is_authenticated or not user.active or not user.has_role(JURY):
        return select(JurySession).where(false())
    return select(JurySession).where(
        JurySession.id.in_(select(JuryMember.session_id).where(JuryMember.user_id == user.id)))


def get_seat_or_404(user: User, session_id: int):
    """(session, the user's seat on it); 404 for a session they do not sit on."""
    session = db.session.scalar(sessions_of_member(user).where(JurySession.id == session_id))
    if session is None:
        raise NotFound()
    seat = next(m for m in session.members if m.user_id == user.id)
    return session, seat


def get_interview_seat_or_404(user: User, interview_id: int):
    """(interview, the user's seat on its jury); 404 unless they sit on that session."""
    interview = db.session.get(Interview, interview_id)
    if interview is None:
        raise NotFound()
    _, seat = get_seat_or_404(user, interview.session_id)
    return interview, seat
