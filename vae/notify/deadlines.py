"""The deadline sweep (`flask vae tick`): legal and policy deadlines, run from cron.

Idempotent by construction: every step selects only what has not been done yet
(a state that changes, a column that records the notice, a dedupe key on the
mail), so running it twice in a row sends nothing twice and changes nothing twice.
Transitions fire as the system (actor=None) through the workflow engine.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, exists, not_, or_, select
from sqlalchemy.orm import selectinload

from vae.core.audit import record
from vae.core.clock import now
from vae.extensions import db
from vae.models import Case, CaseBlock, Interview, JurySession, User, UserRole
from vae.models.states import ADMIN, CASE_FINAL_STATES
from vae.notify.links import public_url
from vae.outbox.queue import queue_mail
from vae.workflows.case import CASE

INTERVIEW_REMINDER_WINDOW = timedelta(hours=48)
REMINDER, WARNING = "reminder", "warning"


@dataclass
class TickReport:
    admitted_by_silence: int = 0
    inactivity_reminders: int = 0
    inactivity_warnings: int = 0
    abandoned: int = 0
    interview_reminders: int = 0
    overdue_results_flagged: int = 0

    def describe(self) -> str:
        return "\n".join(f"{f.name.replace('_', ' ')}: {getattr(self, f.name)}" for f in fields(self))


def _days(key: str) -> timedelta:
    return timedelta(days=current_app.config[key])


def case_link(case: Case) -> str:
    """Where the person sees what waits for them (their home lists every case)."""
    return public_url("home.home")


# -- admissibility: silence is acceptance ---------------------------------------------

def admit_silent_cases(report: TickReport) -> None:
    cutoff = now() - _days("ADMISSIBILITY_SILENCE_DAYS")
    cases = db.session.scalars(select(Case).where(Case.state == "submitted", Case.submitted_at <= cutoff)
                               .order_by(Case.submitted_at))
    for case in cases.all():
        outcome = CASE.fire(case, "admit_by_silence", actor=None, reason="no ruling within the legal period")
        if outcome.ok:
            report.admitted_by_silence += 1
            queue_mail(case.candidate, "deadline_admissible_by_silence", case=case, link=case_link(case),
                       dedupe_key=f"admissible-by-silence:{case.id}")


# -- inactivity: reminder, warning, abandonment ----------------------------------------

def awaiting_candidate():
    """Cases where the next move is the candidate's (not the certifier's or the jury's)."""
    documenting = exists().where(CaseBlock.case_id == Case.id, CaseBlock.state == "documenting")
    scheduled = exists().where(CaseBlock.case_id == Case.id, CaseBlock.state == "scheduled")
    return or_(Case.state.in_(("draft", "incomplete")),
               and_(Case.state == "admissible", documenting, not_(scheduled)))


def forget_stale_notices() -> None:
    """Activity after a notice starts the count again (ended cases keep theirs, for the record)."""
    for case in db.session.scalars(select(Case).where(
            Case.state.not_in(CASE_FINAL_STATES), Case.inactivity_notice.is_not(None),
            Case.last_activity_at > Case.inactivity_notice_at)).all():
        case.inactivity_notice = None
        case.inactivity_notice_at = None


def _notify_inactivity(case: Case, notice: str, template: str) -> None:
    case.inactivity_notice = notice
    case.inactivity_notice_at = now()
    record(None, "case", case.id, f"inactivity_{notice}", case_id=case.id,
           data={"last_activity_at": case.last_activity_at.isoformat()})
    queue_mail(case.candidate, template, case=case, link=case_link(case),
               abandon_on=case.last_activity_at + _days("INACTIVITY_ABANDON_DAYS"),
               dedupe_key=f"inactivity-{notice}:{case.id}:{case.last_activity_at.isoformat()}")


def remind_inactive_candidates(report: TickReport) -> None:
    inactive = select(Case).where(awaiting_candidate()).options(selectinload(Case.candidate))
    warn_cutoff = now() - _days("INACTIVITY_WARNING_DAYS")
    remind_cutoff = now() - _days("INACTIVITY_REMINDER_DAYS")
    for case in db.session.scalars(inactive.where(Case.last_activity_at <= warn_cutoff,
                                                  or_(Case.inactivity_notice.is_(None),
                                                      Case.inactivity_notice == REMINDER))).all():
        _notify_inactivity(case, WARNING, "deadline_inactivity_warning")
        report.inactivity_warnings += 1
    for case in db.session.scalars(inactive.where(Case.last_activity_at <= remind_cutoff,
                                                  Case.inactivity_notice.is_(None))).all():
        _notify_inactivity(case, REMINDER, "deadline_inactivity_reminder")
        report.inactivity_reminders += 1


def abandon_inactive_cases(report: TickReport) -> None:
    """Abandon only after the warning, and a full notice period after it (even if cron stopped a while)."""
    notice_period = _days("INACTIVITY_ABANDON_DAYS") - _days("INACTIVITY_WARNING_DAYS")
    cases = db.session.scalars(select(Case).where(
        awaiting_candidate(), Case.inactivity_notice == WARNING,
        Case.last_activity_at <= now() - _days("INACTIVITY_ABANDON_DAYS"),
        Case.inactivity_notice_at <= now() - notice_period)).all()
    for case in cases:
        outcome = CASE.fire(case, "abandon", actor=None, reason="no activity from the candidate")
        if outcome.ok:
            report.abandoned += 1
            queue_mail(case.candidate, "deadline_abandoned", case=case, link=case_link(case),
                       dedupe_key=f"abandoned:{case.id}")


# -- interviews and jury results -------------------------------------------------------

def live_interviews():
    return (select(Interview).join(JurySession)
            .where(Interview.state == "scheduled", JurySession.state != "cancelled")
            .options(selectinload(Interview.case).selectinload(Case.candidate),
                     selectinload(Interview.session).selectinload(JurySession.title)))


def remind_interviews(report: TickReport) -> None:
    moment = now()
    upcoming = live_interviews().where(Interview.outcome == "pending", Interview.starts_at > moment,
                                       Interview.starts_at <= moment + INTERVIEW_REMINDER_WINDOW)
    for interview in db.session.scalars(upcoming).all():
        # The start time is in the key: a rescheduled interview gets its own reminder.
        queued = queue_mail(interview.case.candidate, "deadline_interview_reminder", interview=interview,
                            session=interview.session, link=case_link(interview.case),
                            dedupe_key=f"interview-reminder:{interview.id}:{interview.starts_at.isoformat()}")
        report.interview_reminders += queued is not None


def overdue_results():
    """SELECT of interviews whose result the candidate still has not been told, past the delay."""
    cutoff = now() - _days("RESULT_NOTIFICATION_DAYS")
    return (live_interviews().where(Interview.result_notified_at.is_(None), Interview.starts_at <= cutoff,
                                    Interview.outcome != "excused")
            .order_by(Interview.starts_at))


def admins() -> list[User]:
    return list(db.session.scalars(select(User).join(UserRole).where(UserRole.role == ADMIN, User.active)))


def flag_overdue_results(report: TickReport) -> None:
    overdue = db.session.scalars(overdue_results()).all()
    if not overdue:
        return
    staff = admins()
    for interview in overdue:
        flagged = False
        for admin in staff:
            flagged |= queue_mail(admin, "deadline_results_overdue", interview=interview,
                                  session=interview.session, candidate=interview.case.candidate,
                                  link=case_link(interview.case),
                                  dedupe_key=f"results-overdue:{interview.id}:{admin.id}") is not None
        if flagged:
            record(None, "interview", interview.id, "results_overdue", case_id=interview.case_id,
                   data={"session_id": interview.session_id})
            report.overdue_results_flagged += 1


def run_deadlines() -> TickReport:
    """Every deadline step, in an order where one step never hides another's work; flushes, never commits."""
    report = TickReport()
    forget_stale_notices()
    admit_silent_cases(report)
    abandon_inactive_cases(report)
    remind_inactive_candidates(report)
    remind_interviews(report)
    flag_overdue_results(report)
    db.session.flush()
    return report
