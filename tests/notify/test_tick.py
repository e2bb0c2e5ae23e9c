"""`flask vae tick`: each deadline crossed with a moving clock; a second run changes nothing."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from vae.models import AuditEvent, Case, Interview, JuryMember, JurySession, OutboxMessage
from vae.notify.deadlines import run_deadlines

T0 = datetime(2030, 1, 7, 9, 0, tzinfo=timezone.utc)


def _tick(runner):
    result = runner.invoke(args=["vae", "tick"])
    assert result.exit_code == 0, result.output
    return result.output


def _mails(db, template=None):
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if template:
        query = query.where(OutboxMessage.template == template)
    return db.session.scalars(query).all()


def _audit(db, event):
    return db.session.scalars(select(AuditEvent).where(AuditEvent.event == event)).all()


def _snapshot(db):
    """Everything a second run must leave alone."""
    return (db.session.scalar(select(func.count(OutboxMessage.id))),
            db.session.scalar(select(func.count(AuditEvent.id))),
            tuple(db.session.execute(select(Case.id, Case.state, Case.version, Case.inactivity_notice)
                                     .order_by(Case.id)).all()))


@pytest.fixture
def awaiting_ruling(case_in, make_user):
    """A case submitted at T0, waiting for the admissibility ruling."""
    with freeze_time(T0):
        return case_in("submitted", candidate=make_user("candidate", locale="en"))


def test_admissibility_silence_makes_the_case_admissible_as_a_system_transition(db, runner, awaiting_ruling, app):
    days = app.config["ADMISSIBILITY_SILENCE_DAYS"]
    with freeze_time(T0 + timedelta(days=days) - timedelta(minutes=1)):
        _tick(runner)
        db.session.expire_all()
        assert awaiting_ruling.state == "submitted"
        assert not _mails(db)

    with freeze_time(T0 + timedelta(days=days, minutes=1)):
        output = _tick(runner)
        assert "admitted by silence: 1" in output
        db.session.expire_all()
        assert awaiting_ruling.state == "admissible"
        assert {b.state for b in awaiting_ruling.blocks} == {"documenting"}
        [event] = _audit(db, "admit_by_silence")
        assert event.actor_id is None and event.case_id == awaiting_ruling.id
        assert (event.from_state, event.to_state) == ("submitted", "admissible")
        [mail] = _mails(db, "deadline_admissible_by_silence")
        assert mail.to_address == awaiting_ruling.candidate.email
        assert mail.locale == "en" and "admissible" in mail.subject
        before = _snapshot(db)
        _tick(runner)
        assert _snapshot(db) == before


def test_inactivity_reminder_warning_then_abandonment(db, runner, case_factory, app, make_user):
    with freeze_time(T0):
        case = case_factory(candidate=make_user("candidate", locale="fr"))  # a draft: the candidate's move
    reminder, warning, abandon = (app.config[k] for k in (
        "INACTIVITY_REMINDER_DAYS", "INACTIVITY_WARNING_DAYS", "INACTIVITY_ABANDON_DAYS"))

    with freeze_time(T0 + timedelta(days=reminder - 1)):
        _tick(runner)
        assert not _mails(db)
    with freeze_time(T0 + timedelta(days=reminder, hours=1)):
        _tick(runner)
        _tick(runner)  # the same day again: nothing more
        db.session.expire_all()
        [mail] = _mails(db)
        assert mail.template == "deadline_inactivity_reminder" and mail.locale == "fr"
        assert "attend" in mail.subject  # « Votre candidature vous attend »
        assert case.inactivity_notice == "reminder"
        assert len(_audit(db, "inactivity_reminder")) == 1
    with freeze_time(T0 + timedelta(days=warning, hours=1)):
        _tick(runner)
        _tick(runner)
        db.session.expire_all()
        assert [m.template for m in _mails(db)] == ["deadline_inactivity_reminder", "deadline_inactivity_warning"]
        assert case.state == "draft" and case.inactivity_notice == "warning"
    with freeze_time(T0 + timedelta(days=abandon) - timedelta(hours=1)):
        _tick(runner)
        db.session.expire_all()
        assert case.state == "draft"
    with freeze_time(T0 + timedelta(days=abandon, hours=2)):
        output = _tick(runner)
        assert "abandoned: 1" in output
        db.session.expire_all()
        assert case.state == "abandoned"
        assert {b.state for b in case.blocks} == {"withdrawn"}
        [event] = _audit(db, "abandon")
        assert event.actor_id is None and event.to_state == "abandoned"
        assert _mails(db)[-1].template == "deadline_abandoned"
        before = _snapshot(db)
        _tick(runner)
        assert _snapshot(db) == before


def test_activity_after_a_reminder_starts_the_count_again(db, runner, case_factory, app):
    with freeze_time(T0):
        case = case_factory()
    reminder = app.config["INACTIVITY_REMINDER_DAYS"]
    with freeze_time(T0 + timedelta(days=reminder, hours=1)):
        _tick(runner)
    with freeze_time(T0 + timedelta(days=reminder + 10)):
        db.session.expire_all()
        case.touch()  # the candidate did something
        db.session.commit()
        _tick(runner)
        db.session.expire_all()
        assert case.inactivity_notice is None
    with freeze_time(T0 + timedelta(days=2 * reminder + 11)):
        _tick(runner)
        assert [m.template for m in _mails(db)] == ["deadline_inactivity_reminder"] * 2


def test_a_case_never_warned_is_not_abandoned_at_once(db, runner, case_factory, app):
    """If cron stopped for months, the candidate still gets the warning and its full notice period."""
    with freeze_time(T0):
        case = case_factory()
    with freeze_time(T0 + timedelta(days=app.config["INACTIVITY_ABANDON_DAYS"] + 30)):
        _tick(runner)
        db.session.expire_all()
        assert case.state == "draft" and case.inactivity_notice == "warning"
        assert [m.template for m in _mails(db)] == ["deadline_inactivity_warning"]


def test_a_case_waiting_for_the_certifier_is_not_inactive(db, runner, awaiting_ruling, app):
    app.config["ADMISSIBILITY_SILENCE_DAYS"] = 10_000
    with freeze_time(T0 + timedelta(days=app.config["INACTIVITY_ABANDON_DAYS"] + 1)):
        _tick(runner)
        assert not _mails(db)


def _interview(db, case, starts_at, make_user):
    president = make_user("jury")
    session = JurySession(title=case.title, starts_at=starts_at, location="IPERIA, 60 rue de Paris, Lyon")
    session.members = [JuryMember(user=president, qualification="practising_professional", is_president=True)]
    interview = Interview(session=session, case=case, starts_at=starts_at, duration_minutes=60)
    db.session.add(interview)
    db.session.commit()
    return interview


def test_interview_reminder_48_hours_before_once(db, runner, case_factory, make_user):
    with freeze_time(T0):
        case = case_factory(candidate=make_user("candidate", locale="fr"))
        starts = T0 + timedelta(days=20)
        interview = _interview(db, case, starts, make_user)
    with freeze_time(starts - timedelta(hours=49)):
        _tick(runner)
        assert not _mails(db, "deadline_interview_reminder")
    with freeze_time(starts - timedelta(hours=47)):
        assert "interview reminders: 1" in _tick(runner)
        assert "interview reminders: 0" in _tick(runner)
        [mail] = _mails(db, "deadline_interview_reminder")
        assert mail.to_address == case.candidate.email
        assert "IPERIA, 60 rue de Paris" in mail.body_text and "60 minutes" in mail.body_text
    with freeze_time(starts - timedelta(hours=46)):  # moved two days later: a new reminder, in time
        db.session.expire_all()
        interview.starts_at = starts + timedelta(days=1)
        db.session.commit()
        _tick(runner)
        assert len(_mails(db, "deadline_interview_reminder")) == 1
    with freeze_time(starts + timedelta(days=1) - timedelta(hours=40)):
        _tick(runner)
        assert len(_mails(db, "deadline_interview_reminder")) == 2


def test_results_not_notified_after_the_delay_are_flagged_to_every_admin(db, runner, case_factory, make_user, app):
    admins = [make_user("admin"), make_user("admin")]
    with freeze_time(T0):
        case = case_factory()
        interview = _interview(db, case, T0 + timedelta(days=1), make_user)
    days = app.config["RESULT_NOTIFICATION_DAYS"]
    with freeze_time(T0 + timedelta(days=1 + days) - timedelta(hours=1)):
        _tick(runner)
        assert not _mails(db, "deadline_results_overdue")
    with freeze_time(T0 + timedelta(days=1 + days, hours=1)):
        assert "overdue results flagged: 1" in _tick(runner)
        assert "overdue results flagged: 0" in _tick(runner)
        mails = _mails(db, "deadline_results_overdue")
        assert sorted(m.to_address for m in mails) == sorted(a.email for a in admins)
        assert case.candidate.full_name in mails[0].subject
        [event] = _audit(db, "results_overdue")
        assert event.subject_id == interview.id and event.actor_id is None


def test_results_already_notified_are_not_flagged(db, case_factory, make_user, app):
    make_user("admin")
    with freeze_time(T0):
        interview = _interview(db, case_factory(), T0 + timedelta(days=1), make_user)
        interview.result_notified_at = T0 + timedelta(days=3)
        db.session.commit()
    with freeze_time(T0 + timedelta(days=60)):
        assert run_deadlines().overdue_results_flagged == 0
