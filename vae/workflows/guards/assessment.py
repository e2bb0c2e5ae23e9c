"""Rules of phase 3: interviews and decisions.

The composition and slot rules run on the block `schedule` transition: the
operation attaches the block to its (new) interview, then fires; every reason
is shown to the admin. The jury pages call the same functions (composition of a
session, moving an interview). Numbers that are policy come from the config.
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from vae.core.clock import now
from vae.models.queries import scored_competence_ids
from vae.models.states import GENDERS


def interview_booked(case_block) -> str | None:
    interview = case_block.interview
    if interview is None or interview.state != "scheduled":
        return _("Book an interview slot first.")
    return None


def interview_held(case_block) -> str | None:
    interview = case_block.interview
    if interview is None or interview.outcome != "held":
        return _("Record that the interview was held first.")
    return None


# -- composition of the jury ---------------------------------------------------
def enough_members(session) -> str | None:
    minimum = current_app.config["JURY_MIN_MEMBERS"]
    if len(session.members) < minimum:
        return ngettext("The jury needs at least %(num)d member.",
                        "The jury needs at least %(num)d members.", minimum)
    return None


def exactly_one_president(session) -> str | None:
    if sum(1 for m in session.members if m.is_president) != 1:
        return _("The jury needs exactly one president.")
    return None


def practising_professional_present(session) -> str | None:
    minimum = current_app.config["JURY_MIN_PRACTISING_PROFESSIONALS"]
    if sum(1 for m in session.members if m.qualification == "practising_professional") < minimum:
        return _("The jury needs at least one practising professional of the trade.")
    return None


def no_conflict_of_interest(session, case) -> str | None:
    """Nobody judges their own case, nor a candidate they mentor."""
    conflicted = [m.user.full_name for m in session.members
                  if m.user_id in (case.candidate_id, case.mentor_id)]
    if conflicted:
        return _("Conflict of interest: %(names)s cannot sit on this candidate's jury.",
                 names=", ".join(conflicted))
    return None


def gender_balance_warning(session) -> str | None:
    """Not a blocker: a warning shown to the admin when only one gender is represented."""
    known = {m.gender for m in session.members if m.gender in GENDERS}
    if len(session.members) >= 2 and len(known) < 2:
        return _("The jury is not gender-balanced.")
    return None


# -- the session and the slot ----------------------------------------------------
def session_of_the_same_title(interview) -> str | None:
    if interview.session.title_id != interview.case.title_id:
        return _("This session is for another title.")
    return None


def session_in_the_future(interview) -> str | None:
    session = interview.session
    if session.starts_at <= now() or session.state != "planned":
        return _("This session is past, signed or cancelled.")
    return None


def slot_within_the_session_day(interview) -> str | None:
    if interview.starts_at < interview.session.starts_at:
        return _("The interview cannot start before the session.")
    return None


def slot_free(interview) -> str | None:
    start = interview.starts_at
    end = start + timedelta(minutes=interview.duration_minutes)
    for other in interview.session.interviews:
        if other is interview or other.state != "scheduled" or other.outcome in ("absent", "excused"):
            continue
        other_end = other.starts_at + timedelta(minutes=other.duration_minutes)
        if start < other_end and other.starts_at < end:
            return _("This slot overlaps another interview of the session.")
    return None


def capacity_respected(interview) -> str | None:
    session = interview.session
    booked = sum(1 for i in session.interviews if i.state == "scheduled")
    if booked > session.capacity:
        return _("The session is full.")
    return None


def duration_follows_title_policy(interview) -> str | None:
    expected = interview.case.title.interview_minutes(len(interview.case_blocks))
    if interview.duration_minutes != expected:
        return _("The interview must last %(minutes)d minutes.", minutes=expected)
    return None


# The rules that hold for a session whatever the candidate, then the one that depends on the candidate.
SESSION_COMPOSITION_RULES = (enough_members, exactly_one_president, practising_professional_present)
COMPOSITION_RULES = (*SESSION_COMPOSITION_RULES, no_conflict_of_interest)
SLOT_RULES = (session_of_the_same_title, session_in_the_future, slot_within_the_session_day,
              slot_free, capacity_respected, duration_follows_title_policy)


# -- the session's minutes ---------------------------------------------------------
def session_open(session) -> str | None:
    """The one place that decides whether a session's decisions may still change."""
    if session.state != "planned":
        return _("The session's decisions are signed: they can no longer change.")
    return None


def session_signed(session) -> bool:
    return session.state == "signed"


# -- deciding ----------------------------------------------------------------------
def decided_in_its_own_session(case_block, deciding_session) -> str | None:
    """A president decides only the blocks put before their own session."""
    interview = case_block.interview
    if interview is None or interview.session_id != deciding_session.id:
        return _("This block is not before this session.")
    return None


def every_competence_scored_by_president(case_block) -> str | None:
    interview = case_block.interview
    if interview is None or interview.session.president is None:
        return _("The jury has no president.")
    scored = scored_competence_ids(interview, interview.session.president)
    missing = [c for c in case_block.block.competences if c.id not in scored]
    if missing:
        return ngettext("The president has not scored %(num)d competence of this block.",
                        "The president has not scored %(num)d competences of this block.", len(missing))
    return None


DECIDE_RULES = (decided_in_its_own_session, interview_held, every_competence_scored_by_president,
                session_open)
