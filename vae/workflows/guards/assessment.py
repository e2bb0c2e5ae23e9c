"""Rules of phase 3: interviews and decisions.

The composition and slot rules run on the block `schedule` transition: the
operation attaches the block to its (new) interview, then fires; every reason
is shown to the admin. Numbers that are policy come from the config.
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from vae.core.clock import now
from vae.models.states import GENDERS


def _session(ctx):
    interview = ctx.obj.interview
    return interview.session if interview is not None else None


def interview_booked(ctx) -> str | None:
    interview = ctx.obj.interview
    if interview is None or interview.state != "scheduled":
        return _("Book an interview slot first.")
    return None


def interview_held(ctx) -> str | None:
    interview = ctx.obj.interview
    if interview is None or interview.outcome != "held":
        return _("Record that the interview was held first.")
    return None


# -- composition of the jury ---------------------------------------------------
def enough_members(ctx) -> str | None:
    session = _session(ctx)
    minimum = current_app.config["JURY_MIN_MEMBERS"]
    if session is not None and len(session.members) < minimum:
        return ngettext("The jury needs at least %(num)d member.",
                        "The jury needs at least %(num)d members.", minimum)
    return None


def exactly_one_president(ctx) -> str | None:
    session = _session(ctx)
    if session is not None and sum(1 for m in session.members if m.is_president) != 1:
        return _("The jury needs exactly one president.")
    return None


def practising_professional_present(ctx) -> str | None:
    session = _session(ctx)
    minimum = current_app.config["JURY_MIN_PRACTISING_PROFESSIONALS"]
    if session is not None and sum(
            1 for m in session.members if m.qualification == "practising_professional") < minimum:
        return _("The jury needs at least one practising professional of the trade.")
    return None


def no_conflict_of_interest(ctx) -> str | None:
    """Nobody judges their own case, nor a candidate they mentor."""
    session = _session(ctx)
    if session is None:
        return None
    case = ctx.case
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
def session_of_the_same_title(ctx) -> str | None:
    session = _session(ctx)
    if session is not None and session.title_id != ctx.case.title_id:
        return _("This session is for another title.")
    return None


def session_in_the_future(ctx) -> str | None:
    session = _session(ctx)
    if session is not None and (session.starts_at <= now() or session.state != "planned"):
        return _("This session is past, signed or cancelled.")
    return None


def slot_within_the_session_day(ctx) -> str | None:
    interview = ctx.obj.interview
    if interview is not None and interview.starts_at < interview.session.starts_at:
        return _("The interview cannot start before the session.")
    return None


def slot_free(ctx) -> str | None:
    interview = ctx.obj.interview
    if interview is None:
        return None
    start = interview.starts_at
    end = start + timedelta(minutes=interview.duration_minutes)
    for other in interview.session.interviews:
        if other is interview or other.state != "scheduled" or other.outcome in ("absent", "excused"):
            continue
        other_end = other.starts_at + timedelta(minutes=other.duration_minutes)
        if start < other_end and other.starts_at < end:
            return _("This slot overlaps another interview of the session.")
    return None


def capacity_respected(ctx) -> str | None:
    interview = ctx.obj.interview
    if interview is None:
        return None
    session = interview.session
    booked = sum(1 for i in session.interviews if i.state == "scheduled")
    if booked > session.capacity:
        return _("The session is full.")
    return None


def duration_follows_title_policy(ctx) -> str | None:
    interview = ctx.obj.interview
    if interview is None:
        return None
    expected = ctx.case.title.interview_minutes(len(interview.case_blocks))
    if interview.duration_minutes != expected:
        return _("The interview must last %(minutes)d minutes.", minutes=expected)
    return None


COMPOSITION_RULES = (enough_members, exactly_one_president, practising_professional_present,
                     no_conflict_of_interest)
SLOT_RULES = (session_of_the_same_title, session_in_the_future, slot_within_the_session_day,
              slot_free, capacity_respected, duration_follows_title_policy)


# -- deciding ----------------------------------------------------------------------
def session_not_signed(ctx) -> str | None:
    session = _session(ctx)
    if session is not None and session.state == "signed":
        return _("The session's decisions are signed: they can no longer change.")
    return None


def decided_in_its_own_session(ctx) -> str | None:
    """A president decides only the blocks put before their own session."""
    session = ctx.data.get("session")
    interview = ctx.obj.interview
    if session is not None and (interview is None or interview.session_id != session.id):
        return _("This block is not before this session.")
    return None


def every_competence_scored_by_president(ctx) -> str | None:
    from vae.jury.scoring import scored_competence_ids

    interview = ctx.obj.interview
    if interview is None or interview.session.president is None:
        return _("The jury has no president.")
    scored = scored_competence_ids(interview, interview.session.president)
    missing = [c for c in ctx.obj.block.competences if c.id not in scored]
    if missing:
        return ngettext("The president has not scored %(num)d competence of this block.",
                        "The president has not scored %(num)d competences of this block.", len(missing))
    return None
