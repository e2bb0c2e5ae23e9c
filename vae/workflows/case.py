"""The case workflow: identification and admissibility (recevabilité)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

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
                final_states=CASE_FINAL_STATES, case_of=case_of, records_first_reached=True, transitions=[
    T("submit",               ["draft"],      "submitted",    roles={CANDIDATE}, label=_l("Submit"),
      guards=[case_has_blocks, case_has_experience, candidate_email_confirmed],
      effects=[stamp_case_submitted]),
    T("declare_admissible",   ["submitted"],  "admissible",   roles={ADMIN}, label=_l("Declare admissible"),
      effects=[decided, open_documentation]),
    T("admit_by_silence",     ["submitted"],  "admissible",   roles={SYSTEM}, label=_l("Admissible by silence"),
      guards=[admissibility_silence_expired], effects=[decided, open_documentation]),
    T("declare_incomplete",   ["submitted"],  "incomplete",   roles={ADMIN}, label=_l("Declare incomplete"),
      needs=["reason"], effects=[decided]),
    T("revise",               ["incomplete"], "draft",        roles={CANDIDATE}, label=_l("Revise the application")),
    T("declare_inadmissible", ["submitted"],  "inadmissible", roles={ADMIN}, label=_l("Declare not admissible"),
      needs=["reason"], effects=[decided, withdraw_open_blocks]),
    T("close",                ["admissible"], "closed",       roles={ADMIN, SYSTEM}, label=_l("Close"),
      guards=[every_block_closed]),
    T("abandon", ["draft", "submitted", "incomplete", "admissible"], "abandoned",
      roles={CANDIDATE, ADMIN, SYSTEM}, label=_l("Abandon"),
      guards=[no_block_in_assessment], effects=[withdraw_open_blocks]),
])
