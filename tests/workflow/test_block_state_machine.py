"""Property-based test of the block workflow (hypothesis RuleBasedStateMachine).

Random events by random actors, with the guards' preconditions switched on and off
at random. Whatever happens:
- the state is always one of the table's states;
- an accepted event writes exactly one audit event for the block and moves it to
  the transition's target; a refused or forbidden one changes nothing;
- final states stay final;
- replaying the block's audit log from the initial state gives its current state.
"""
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from vae.core.clock import now
from vae.models import AuditEvent, Interview, JuryMember, JurySession
from vae.workflows.block import BLOCK
from vae.workflows.case import CASE
from vae.workflows.engine import TransitionForbidden

ACTORS = ["owner", "other_candidate", "mentor", "other_mentor", "admin", "president", "juror", "system"]


def block_audit(db, block):
    return db.session.scalars(
        select(AuditEvent).where(AuditEvent.subject_type == "case_block", AuditEvent.subject_id == block.id)
        .order_by(AuditEvent.id)
    ).all()


@pytest.fixture
def world(db, titles, make_user, case_factory):
    people = {
        "owner": make_user("candidate"),
        "other_candidate": make_user("candidate"),
        "mentor": make_user("mentor"),
        "other_mentor": make_user("mentor"),
        "admin": make_user("admin"),
        "president": make_user("jury"),
        "juror": make_user("jury"),
    }
    return people


def test_block_workflow_properties(db, world, case_factory, titles):
    people = world

    class BlockMachine(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.case = case_factory(candidate=people["owner"], mentor=people["mentor"])
            self.block = self.case.blocks[0]
            session = JurySession(title=self.case.title, starts_at=now() + timedelta(days=10), location="Lyon")
            session.members = [
                JuryMember(user=people["president"], qualification="practising_professional", is_president=True),
                JuryMember(user=people["juror"], qualification="trainer"),
            ]
            db.session.add(session)
            db.session.commit()
            self.session = session

        def actor(self, name):
            return None if name == "system" else people[name]

        # -- preconditions of the guards, switched at random ----------------
        @rule(actor=st.sampled_from(ACTORS), event=st.sampled_from(["submit", "declare_admissible"]))
        def case_event(self, actor, event):
            try:
                CASE.fire(self.case, event, actor=self.actor(actor))
            except TransitionForbidden:
                pass
            db.session.commit()

        @rule()
        def sign_honour_statement(self):
            self.block.honour_signed_at = now()
            db.session.commit()

        @rule(outcome=st.sampled_from(["pending", "held", "absent"]))
        def book_interview(self, outcome):
            interview = Interview(session=self.session, case=self.case, starts_at=self.session.starts_at,
                                  duration_minutes=45, outcome=outcome)
            db.session.add(interview)
            self.block.interview = interview
            db.session.commit()

        # -- the property under test ----------------------------------------
        @rule(event=st.sampled_from(BLOCK.events), actor=st.sampled_from(ACTORS), give_reason=st.booleans())
        def fire(self, event, actor, give_reason):
            before_state = self.block.state
            before_audit = len(block_audit(db, self.block))
            before_version = self.case.version
            data = {"reason": "motif", "rationale": "motivation"} if give_reason else {}
            try:
                outcome = BLOCK.fire(self.block, event, actor=self.actor(actor), **data)
            except TransitionForbidden:
                db.session.rollback()
                assert self.block.state == before_state
                assert len(block_audit(db, self.block)) == before_audit
                return
            db.session.commit()
            after_audit = block_audit(db, self.block)
            if outcome.ok:
                transition = next(t for t in BLOCK.transitions_for(event) if before_state in t.sources)
                assert self.block.state == transition.target
                assert len(after_audit) == before_audit + 1
                assert (after_audit[-1].from_state, after_audit[-1].to_state) == (before_state, self.block.state)
                assert self.case.version > before_version
                assert before_state not in BLOCK.final_states
            else:
                assert outcome.reasons
                assert self.block.state == before_state
                assert len(after_audit) == before_audit
                assert self.case.version == before_version

        @invariant()
        def state_is_in_the_table(self):
            assert self.block.state in BLOCK.states

        @invariant()
        def audit_log_replays_to_the_current_state(self):
            state = BLOCK.initial
            for event in block_audit(db, self.block):
                assert event.from_state == state
                state = event.to_state
            assert state == self.block.state

    run_state_machine_as_test(
        BlockMachine,
        settings=settings(max_examples=25, stateful_step_count=30, deadline=None,
                          suppress_health_check=list(HealthCheck)),
    )


def test_final_states_have_no_way_out():
    for transition in BLOCK.transitions:
        assert not set(transition.sources) & BLOCK.final_states
    for transition in CASE.transitions:
        assert not set(transition.sources) & CASE.final_states
