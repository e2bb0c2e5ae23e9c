"""The workflow engine: roles and access, guards, audit, version, final states."""
import pytest
from sqlalchemy import func, select

from vae.models import AuditEvent
from vae.workflows.block import BLOCK
from vae.workflows.case import CASE
from vae.core.refusal import StaleVersion
from vae.workflows.engine import TransitionForbidden


WORKFLOW_SUBJECTS = AuditEvent.subject_type.in_(("case", "case_block"))


def audit_count(db):
    return db.session.scalar(select(func.count(AuditEvent.id)).where(WORKFLOW_SUBJECTS))


def test_the_candidate_submits_their_case_with_one_audit_event(db, case_factory):
    case = case_factory()
    before = case.version
    outcome = CASE.fire(case, "submit", actor=case.candidate)
    db.session.commit()
    assert outcome.ok and case.state == "submitted" and case.submitted_at is not None
    assert case.version == before + 1
    event = db.session.scalars(select(AuditEvent).where(WORKFLOW_SUBJECTS)).one()
    assert (event.actor_id, event.event, event.from_state, event.to_state) == (
        case.candidate_id, "submit", "draft", "submitted")


def test_another_candidate_is_forbidden_and_nothing_is_written(db, case_factory, make_user):
    case = case_factory()
    intruder = make_user("candidate")
    with pytest.raises(TransitionForbidden):
        CASE.fire(case, "submit", actor=intruder)
    assert case.state == "draft" and audit_count(db) == 0


def test_a_role_not_in_the_table_is_forbidden(db, case_factory, make_user):
    case = case_factory()
    CASE.fire(case, "submit", actor=case.candidate)
    with pytest.raises(TransitionForbidden):
        CASE.fire(case, "declare_admissible", actor=case.candidate)


def test_every_guard_reason_is_given_and_nothing_changes(db, case_factory):
    case = case_factory()
    case.blocks.clear()
    case.experiences.clear()
    db.session.commit()
    outcome = CASE.fire(case, "submit", actor=case.candidate)
    assert not outcome.ok
    assert len(outcome.reasons) == 2
    assert case.state == "draft" and audit_count(db) == 0


def test_a_required_reason_is_asked_for(db, case_factory, make_user):
    case = case_factory()
    admin = make_user("admin")
    CASE.fire(case, "submit", actor=case.candidate)
    outcome = CASE.fire(case, "declare_incomplete", actor=admin, reason="  ")
    assert not outcome.ok and outcome.reasons
    outcome = CASE.fire(case, "declare_incomplete", actor=admin, reason="Pièce d'identité manquante")
    assert outcome.ok
    assert db.session.scalars(select(AuditEvent).where(AuditEvent.event == "declare_incomplete")).one().reason == \
        "Pièce d'identité manquante"


def test_admissible_opens_every_block_each_with_its_own_audit_event(db, case_factory, make_user):
    case = case_factory()
    admin = make_user("admin")
    CASE.fire(case, "submit", actor=case.candidate)
    CASE.fire(case, "declare_admissible", actor=admin)
    db.session.commit()
    assert [b.state for b in case.blocks] == ["documenting", "documenting"]
    block_events = db.session.scalars(select(AuditEvent).where(AuditEvent.subject_type == "case_block")).all()
    assert len(block_events) == 2 and all(e.actor_id is None for e in block_events)


def test_available_lists_events_with_their_disabled_reasons(db, case_factory, make_user):
    case = case_factory()
    admin = make_user("admin")
    CASE.fire(case, "submit", actor=case.candidate)
    CASE.fire(case, "declare_admissible", actor=admin)
    block = case.blocks[0]
    available = {a.event: a for a in BLOCK.available(block, case.candidate)}
    assert set(available) == {"submit", "withdraw"}
    assert not available["submit"].allowed and available["submit"].reasons
    block.honour_signed_at = block.case.created_at
    from vae.models import Evidence  # every competence to be shown at the interview (issue 4 guard)

    for competence in block.block.competences:
        db.session.add(Evidence(case_block=block, competence=competence, kind="at_interview",
                                created_by=case.candidate))
    db.session.flush()
    assert {a.event: a for a in BLOCK.available(block, case.candidate)}["submit"].allowed
    assert BLOCK.available(block, make_user("candidate")) == []


def test_a_stale_version_is_refused(db, case_factory):
    case = case_factory()
    with pytest.raises(StaleVersion):
        CASE.fire(case, "submit", actor=case.candidate, expected_version=case.version - 1)
    assert case.state == "draft"


def test_an_ending_case_withdraws_its_open_blocks_and_the_withdrawal_closes_nothing_twice(db, case_factory):
    case = case_factory()
    CASE.fire(case, "abandon", actor=case.candidate)
    db.session.commit()
    assert case.state == "abandoned"
    assert {b.state for b in case.blocks} == {"withdrawn"}


def test_tables_refuse_transitions_out_of_final_states():
    from vae.workflows.engine import T, Workflow
    from vae.models import Case

    with pytest.raises(ValueError):
        Workflow("broken", model=Case, initial="draft", states=["draft", "closed"], final_states=["closed"],
                 case_of=lambda c: c, transitions=[T("reopen", ["closed"], "draft", roles={"admin"}, label="Reopen")])
