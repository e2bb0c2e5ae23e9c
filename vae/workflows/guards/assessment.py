"""Rules of phase 3: interviews and decisions.

The composition and slot rules run on the block `schedule` transition: the
operation attaches the block to its (new) interview, then fires; every reason
is shown to the admin. The jury pages call the same functions (composition of a
session, moving an interview). Numbers that are policy come from the config.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import format_datetime, ngettext
from flask_babel import gettext as _

from vae.core.clock import now
from vae.models.queries import scored_competence_ids
from vae.models.states import GENDERS, NO_LINK


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


# -- who judges one candidate -----------------------------------------------------
@dataclass(frozen=True)
class Panel:
    """The members who judge one interview: the session's jury minus anyone linked to the candidate."""

    members: tuple
    excluded: tuple  # (member, link) pairs, for the pages and the minutes

    @property
    def president(self):
        return next((m for m in self.members if m.is_president), None)


def _organisation_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", (name or "").casefold()).strip()


def detected_link(member, case) -> str | None:
    """'employer' when the member works where the candidate worked (their experiences say where)."""
    mine = _organisation_key(member.organisation)
    if mine and any(_organisation_key(e.employer) == mine for e in case.experiences):
        return "employer"
    return None


def declared_link(member, case) -> str | None:
    declaration = next((d for d in member.declarations if d.case_id == case.id), None)
    if declaration is None or declaration.link == NO_LINK:
        return None
    return declaration.link


def link_of(member, case) -> str | None:
    """The member's link with this candidate, declared or detected; None when they may judge."""
    return declared_link(member, case) or detected_link(member, case)


def panel_of(interview) -> Panel:
    kept, excluded = [], []
    for member in interview.session.members:
        link = link_of(member, interview.case)
        if link:
            excluded.append((member, link))
        else:
            kept.append(member)
    return Panel(tuple(kept), tuple(excluded))


def member_may_judge(member, interview) -> str | None:
    """A member linked to the candidate cannot open, score or decide their interview."""
    if member not in panel_of(interview).members:
        return _("You declared, or we detected, a link with this candidate: you do not take part in "
                 "this interview.")
    return None


# -- composition of the jury ---------------------------------------------------
# These read `panel.members`: given a session they judge the whole jury (the admin's page), given
# an interview's panel (during a transition) they judge the members who may judge that candidate.
def enough_members(panel) -> str | None:
    minimum = current_app.config["JURY_MIN_MEMBERS"]
    if len(panel.members) < minimum:
        return ngettext("The jury needs at least %(num)d member.",
                        "The jury needs at least %(num)d members.", minimum)
    return None


def exactly_one_president(panel) -> str | None:
    if sum(1 for m in panel.members if m.is_president) != 1:
        return _("The jury needs exactly one president.")
    return None


def practising_professional_present(panel) -> str | None:
    minimum = current_app.config["JURY_MIN_PRACTISING_PROFESSIONALS"]
    if sum(1 for m in panel.members if m.qualification == "practising_professional") < minimum:
        return _("The jury needs at least one practising professional of the trade.")
    return None


def no_conflict_of_interest(session, case) -> str | None:
    """Nobody sits on the jury of their own case, nor of a candidate they mentor."""
    conflicted = [m.user.full_name for m in session.members
                  if m.user_id in (case.candidate_id, case.mentor_id)]
    if conflicted:
        return _("Conflict of interest: %(names)s cannot sit on this candidate's jury.",
                 names=", ".join(conflicted))
    return None


def gender_balance_warning(panel) -> str | None:
    """Not a blocker: a warning shown to the admin when only one gender is represented."""
    known = {m.gender for m in panel.members if m.gender in GENDERS}
    if len(panel.members) >= 2 and len(known) < 2:
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
# They hold at every step that relies on them: booking, holding, deciding, signing, changing the jury.
SESSION_COMPOSITION_RULES = (enough_members, exactly_one_president, practising_professional_present)
COMPOSITION_RULES = (*SESSION_COMPOSITION_RULES, no_conflict_of_interest)


def jury_problems(interview) -> list[str]:
    """Every reason why this interview's jury may not lawfully judge its candidate now."""
    panel = panel_of(interview)
    found = [str(r) for rule in SESSION_COMPOSITION_RULES if (r := rule(panel))]
    if reason := no_conflict_of_interest(interview.session, interview.case):
        found.append(str(reason))
    return found


def lawful_jury(interview) -> str | None:
    """The composition rules as one rule of a transition (deciding): every reason, in one sentence each."""
    return " ".join(jury_problems(interview)) or None
SLOT_RULES = (session_of_the_same_title, session_in_the_future, slot_within_the_session_day,
              slot_free, capacity_respected, duration_follows_title_policy)


# -- the clock of the interview ---------------------------------------------------
def interview_started(interview) -> str | None:
    """Nothing about an interview (outcome, identity, scores, decisions, signature) is recorded before it starts."""
    if now() < interview.starts_at:
        return _("The interview starts on %(when)s: nothing can be recorded about it before then.",
                 when=format_datetime(interview.starts_at, "short"))
    return None


def identity_checked(interview) -> str | None:
    if not interview.identity_document:
        return _("Record that the candidate's identity was checked at the interview first.")
    return None


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


DECIDE_RULES = (decided_in_its_own_session, interview_started, interview_held, identity_checked, lawful_jury,
                every_competence_scored_by_president, session_open)
