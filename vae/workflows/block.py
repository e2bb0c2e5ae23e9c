"""The case-block workflow: the four phases of one chosen block."""
from __future__ import annotations

from vae.certification.awards import award_block, withdraw_block_award
from vae.core.access import case_of
from vae.models import CaseBlock
from vae.models.states import ADMIN, BLOCK_FINAL_STATES, BLOCK_STATES, CANDIDATE, MENTOR
from vae.workflows.effects import (
    close_case_when_done,
    detach_interview,
    record_block_decision,
    revoke_block_decision,
    stamp_block_submitted,
)
from vae.workflows.engine import PRESIDENT, SYSTEM, T, Workflow
from vae.workflows.guards.assessment import (
    COMPOSITION_RULES,
    SLOT_RULES,
    decided_in_its_own_session,
    every_competence_scored_by_president,
    interview_booked,
    interview_held,
    session_not_signed,
)
from vae.workflows.guards.certification import award_not_certified, jury_session_signed
from vae.workflows.guards.documentation import (
    case_admissible,
    every_competence_covered,
    honour_statement_signed,
    no_open_change_request,
)

DECIDE_RULES = (decided_in_its_own_session, interview_held, every_competence_scored_by_president,
                session_not_signed)

BLOCK = Workflow("case_block", model=CaseBlock, initial="selected", states=BLOCK_STATES,
                 final_states=BLOCK_FINAL_STATES, case_of=case_of, transitions=[
    # documentation
    T("open_documentation", ["selected"],    "documenting", roles={ADMIN, SYSTEM},
      guards=[case_admissible]),
    T("submit",             ["documenting"], "submitted",   roles={CANDIDATE},
      guards=[case_admissible, every_competence_covered, no_open_change_request, honour_statement_signed],
      effects=[stamp_block_submitted]),
    T("return",             ["submitted"],   "documenting", roles={MENTOR, ADMIN}, needs=["reason"]),
    # assessment
    T("schedule",           ["submitted"],   "scheduled",   roles={ADMIN},
      guards=[interview_booked, *COMPOSITION_RULES, *SLOT_RULES]),
    T("cancel_interview",   ["scheduled"],   "submitted",   roles={ADMIN, PRESIDENT}, needs=["reason"],
      effects=[detach_interview]),
    T("validate",           ["scheduled"],   "validated",   roles={PRESIDENT},
      guards=[*DECIDE_RULES], effects=[record_block_decision, award_block]),
    T("reject",             ["scheduled"],   "not_validated", roles={PRESIDENT}, needs=["rationale"],
      guards=[*DECIDE_RULES], effects=[record_block_decision, close_case_when_done]),
    T("reopen_decision",    ["validated", "not_validated"], "scheduled", roles={ADMIN}, needs=["reason"],
      guards=[award_not_certified], effects=[revoke_block_decision, withdraw_block_award]),
    # certification
    T("certify",            ["validated"],   "certified",   roles={ADMIN, SYSTEM},
      guards=[jury_session_signed], effects=[close_case_when_done]),
    # leaving
    T("withdraw", ["selected", "documenting", "submitted"], "withdrawn",
      roles={CANDIDATE, ADMIN, SYSTEM}, effects=[close_case_when_done]),
])
