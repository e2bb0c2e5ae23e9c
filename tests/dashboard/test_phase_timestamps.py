"""The dashboard reads `phase_reached`, written by the engine: its figures equal the journal's.

The history moves files back and forth: a case declared incomplete then submitted again, a
block returned to documentation and submitted again, an interview cancelled and booked again,
a decision annulled and taken again a month later, blocks withdrawn or not validated.
"""
from __future__ import annotations

import importlib.util
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from freezegun import freeze_time
from sqlalchemy import delete, select, text

from tests.dashboard.journal_reference import dashboard_from_journal, first_reached_from_journal
from tests.fixtures.builders import assert_ok
from vae.dashboard.figures import dashboard
from vae.models import Interview, JuryMember, JurySession, PhaseReached, Score
from vae.workflows.block import BLOCK
from vae.workflows.case import CASE

T0 = datetime(2030, 1, 7, 9, 0, tzinfo=timezone.utc)
BLOCKS = ("RNCP37780BC01", "RNCP37780BC02")


class History:
    """Fires transitions on a moving clock, a few hours and days apart."""

    def __init__(self, db, clock, admin, president, juror, cover_all):
        self.db, self.clock, self.admin, self.president, self.juror = db, clock, admin, president, juror
        self.cover_all = cover_all
        self.moment = T0

    def later(self, days: float) -> None:
        self.moment += timedelta(days=days)
        self.clock.move_to(self.moment)

    def case(self, days: float, event: str, case, **data):
        self.later(days)
        actor = case.candidate if event in ("submit", "revise") else self.admin
        assert_ok(CASE.fire(case, event, actor=actor, reason="test", **data))

    def block(self, days: float, event: str, block) -> None:
        self.later(days)
        case = block.case
        if event == "submit":
            block.honour_signed_at = self.moment
            self.cover_all(block)
            assert_ok(BLOCK.fire(block, "submit", actor=case.candidate))
        elif event == "schedule":
            session = JurySession(title=case.title, starts_at=self.moment + timedelta(days=1))
            session.members = [JuryMember(user=self.president, qualification="practising_professional",
                                          is_president=True),
                               JuryMember(user=self.juror, qualification="trainer")]
            block.interview = Interview(session=session, case=case, starts_at=session.starts_at,
                                        duration_minutes=45, state="scheduled", outcome="pending")
            self.db.session.add(block.interview)
            self.db.session.flush()
            assert_ok(BLOCK.fire(block, "schedule", actor=self.admin))
        elif event in ("validate", "reject"):
            interview = block.interview
            if interview.outcome == "pending":  # a decision taken again reuses the interview's scores
                interview.outcome, interview.identity_document = "held", "national_id_card"
                self.db.session.add_all([Score(interview=interview, member=interview.session.president, competence=c,
                                               level="demonstrated", submitted_at=self.moment)
                                         for c in block.block.competences])
            assert_ok(BLOCK.fire(block, event, actor=self.president, rationale="motif"))
        else:
            assert_ok(BLOCK.fire(block, event, actor=self.admin, reason="test"))
        self.db.session.flush()


@pytest.fixture
def history(db, case_factory, make_user, cover_all):
    admin, president, juror = make_user("admin"), make_user("jury"), make_user("jury")
    with freeze_time(T0) as clock:
        h = History(db, clock, admin, president, juror, cover_all)
        cases = []
        for _ in range(6):
            h.later(0.3)
            cases.append(case_factory(block_codes=BLOCKS))
        back_and_forth, validated, rejected, inadmissible, waiting, _draft = cases
        # incomplete, revised, submitted again: "submitted" keeps its first moment
        h.case(2.5, "submit", back_and_forth)
        h.case(6, "declare_incomplete", back_and_forth)
        h.case(3, "revise", back_and_forth)
        h.case(4.25, "submit", back_and_forth)
        h.case(9, "declare_admissible", back_and_forth)
        first, second = back_and_forth.blocks
        h.block(12, "submit", first)
        h.block(2, "return", first)
        h.block(5.5, "submit", first)
        h.block(1, "schedule", first)
        h.block(1, "cancel_interview", first)
        h.block(3, "schedule", first)
        h.block(1.5, "validate", first)
        h.block(2, "reopen_decision", first)
        h.block(33, "validate", first)  # validated again, another month: counted once, at its first month
        h.block(1, "withdraw", second)
        for case, days in ((validated, 4), (rejected, 11)):
            h.case(days, "submit", case)
            h.case(days * 2, "declare_admissible", case)
            h.block(days + 7, "submit", case.blocks[0])
            h.block(2, "schedule", case.blocks[0])
            h.block(days, "validate" if case is validated else "reject", case.blocks[0])
        h.case(1, "submit", inadmissible)
        h.case(20, "declare_inadmissible", inadmissible)
        h.case(0.5, "submit", waiting)
        db.session.commit()
    return cases


def test_every_figure_equals_the_journals(history, db):
    board = dashboard()
    assert board == dashboard_from_journal()
    # the history reaches every phase but certification, and medians of several files
    assert board.medians["certification"] is None
    assert all(board.medians[k] is not None for k in ("identification", "admissibility", "documentation",
                                                       "assessment"))
    assert board.funnel["cases_submitted"] == 5 and board.funnel["blocks_submitted"] == 3
    assert sum(n for _month, n in board.per_month) == 2


def test_a_state_entered_again_keeps_its_first_moment(history, db):
    back_and_forth = history[0]
    rows = {(r.subject_type, r.subject_id, r.state): r.reached_at for r in db.session.scalars(select(PhaseReached))}
    created = T0 + timedelta(days=6 * 0.3)  # the six cases are created first
    assert rows[("case", back_and_forth.id, "submitted")] == created + timedelta(days=2.5)
    assert rows[("case", back_and_forth.id, "draft")] == created + timedelta(days=2.5 + 6 + 3)  # revised
    journal = first_reached_from_journal()
    assert rows == {(kind, subject_id, state): moment
                    for (kind, subject_id), states in journal.items() for state, moment in states.items()}


def test_the_migration_backfills_the_same_rows_from_the_journal(history, db):
    path = Path(__file__).resolve().parents[2] / "migrations" / "versions" / "0006_phases.py"
    spec = importlib.util.spec_from_file_location("migration_0006_phases", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    written = dashboard()
    rows_before = db.session.execute(select(PhaseReached.__table__)).all()
    db.session.execute(delete(PhaseReached))
    assert dashboard().funnel["cases_submitted"] == 0
    db.session.execute(text(migration.BACKFILL))
    assert sorted(db.session.execute(select(PhaseReached.__table__)).all()) == sorted(rows_before)
    assert dashboard() == written
