"""The case-block workflow: the four phases of one chosen block."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from vae.core.access import case_of
from vae.models import CaseBlock
from vae.models.states import ADMIN, BLOCK_FINAL_STATES, BLOCK_STATES, CANDIDATE, MENTOR
from vae.workflows.effects import (
    award_the_block,
    close_case_when_done,
    detach_interview,
    record_block_decision,
    revoke_block_decision,
    stamp_block_submitted,
    take_the_award_back,
)
from vae.workflows.engine import PRESIDENT, SYSTEM, T, Workflow
from vae.workflows.guards.assessment import COMPOSITION_RULES, DECIDE_RULES, SLOT_RULES, interview_booked
from vae.workflows.guards.certification import award_not_certified, jury_session_signed
from vae.workflows.guards.documentation import (
    case_admissible,
    every_competence_covered,
    honour_statement_signed,
    no_open_change_request,
)
from vae.workflows.hooks import ISSUE_CERTIFICATE

BLOCK = Workflow("case_block", model=CaseBlock, initial="selected", states=BLOCK_STATES,
                 final_states=BLOCK_FINAL_STATES, case_of=case_of, records_first_reached=True, transitions=[
    # documentation
    T("open_documentation", ["selected"],    "documenting", roles={ADMIN, SYSTEM}, label=_l("Open the dossier"),
      guards=[case_admissible]),
    T("submit",             ["documenting"], "submitted",   roles={CANDIDATE}, label=_l("Submit"),
      guards=[case_admissible, every_competence_covered, no_open_change_request, honour_statement_signed],
      effects=[stamp_block_submitted]),
    T("return",             ["submitted"],   "documenting", roles={MENTOR, ADMIN},
      label=_l("Return to documentation"), needs=["reason"]),
    # assessment
    T("schedule",           ["submitted"],   "scheduled",   roles={ADMIN}, label=_l("Schedule the interview"),
      guards=[interview_booked, *COMPOSITION_RULES, *SLOT_RULES]),
    T("cancel_interview",   ["scheduled"],   "submitted",   roles={ADMIN, PRESIDENT},
      label=_l("Cancel the interview"), needs=["reason"], effects=[detach_interview]),
    T("validate",           ["scheduled"],   "validated",   roles={PRESIDENT}, label=_l("Validate the block"),
      guards=[*DECIDE_RULES], effects=[record_block_decision, award_the_block]),
    T("reject",             ["scheduled"],   "not_validated", roles={PRESIDENT},
      label=_l("Do not validate the block"), needs=["rationale"],
      guards=[*DECIDE_RULES], effects=[record_block_decision, close_case_when_done]),
    T("reopen_decision",    ["validated", "not_validated"], "scheduled", roles={ADMIN},
      label=_l("Annul the decision"), needs=["reason"],
      guards=[award_not_certified], effects=[revoke_block_decision, take_the_award_back]),
    # certification
    T("certify",            ["validated"],   "certified",   roles={ADMIN, SYSTEM}, label=_l("Certify"),
      guards=[jury_session_signed, ISSUE_CERTIFICATE.ready], effects=[ISSUE_CERTIFICATE, close_case_when_done]),
    # leaving
    T("withdraw", ["selected", "documenting", "submitted"], "withdrawn",
      roles={CANDIDATE, ADMIN, SYSTEM}, label=_l("Withdraw"), effects=[close_case_when_done]),
])
