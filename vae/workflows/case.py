"""The case workflow: identification and admissibility (recevabilité)."""
from __future__ import annotations

from vae.core.access import case_of
from vae.models import Case
from vae.models.states import ADMIN, CANDIDATE, CASE_FINAL_STATES, CASE_STATES
from vae.workflows.effects import stamp_admissibility_decided as decided
from vae.workflows.effects import open_documentation, stamp_case_submitted, withdraw_open_blocks
from vae.workflows.engine import SYSTEM, T, Workflow
from vae.workflows.guards.identification import (
    admissibility_silence_expired,
    candidate_email_confirmed,
    case_has_blocks,
    case_has_experience,
    every_block_closed,
    no_block_in_assessment,
)

CASE = Workflow("case", model=Case, initial="draft", states=CASE_STATES,
                final_states=CASE_FINAL_STATES, case_of=case_of, transitions=[
    T("submit",               ["draft"],      "submitted",    roles={CANDIDATE},
      guards=[case_has_blocks, case_has_experience, candidate_email_confirmed],
      effects=[stamp_case_submitted]),
    T("declare_admissible",   ["submitted"],  "admissible",   roles={ADMIN},
      effects=[decided, open_documentation]),
    T("admit_by_silence",     ["submitted"],  "admissible",   roles={SYSTEM},
      guards=[admissibility_silence_expired], effects=[decided, open_documentation]),
    T("declare_incomplete",   ["submitted"],  "incomplete",   roles={ADMIN}, needs=["reason"],
      effects=[decided]),
    T("revise",               ["incomplete"], "draft",        roles={CANDIDATE}),
    T("declare_inadmissible", ["submitted"],  "inadmissible", roles={ADMIN}, needs=["reason"],
      effects=[decided, withdraw_open_blocks]),
    T("close",                ["admissible"], "closed",       roles={ADMIN, SYSTEM},
      guards=[every_block_closed]),
    T("abandon", ["draft", "submitted", "incomplete", "admissible"], "abandoned",
      roles={CANDIDATE, ADMIN, SYSTEM}, guards=[no_block_in_assessment], effects=[withdraw_open_blocks]),
])
