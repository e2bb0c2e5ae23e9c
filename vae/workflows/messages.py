"""What a person is told, in plain words, once a transition they fired went through.

One message per event of the tables (a test checks none is missing), saying what happened and
what comes next, instead of repeating the button's label.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

DONE = {
    "case": {
        "submit": _l("Your application is sent: the certifier has two months to answer; without an answer "
                     "it is admissible."),
        "declare_admissible": _l("The application is declared admissible: the candidate can now document "
                                 "their blocks."),
        "admit_by_silence": _l("The application is admissible: the certifier did not answer within two "
                               "months."),
        "declare_incomplete": _l("The application is returned as incomplete: the candidate has been told "
                                 "what is missing."),
        "revise": _l("Your application is open again: complete it, then send it once more."),
        "declare_inadmissible": _l("The application is declared not admissible: the candidate has been told "
                                   "why."),
        "close": _l("The application is closed."),
        "abandon": _l("The application is abandoned: nothing more will happen on it."),
    },
    "case_block": {
        "open_documentation": _l("The dossier of this block is open: the candidate can add evidence."),
        "submit": _l("Your dossier for this block is sent to the jury: it can no longer change. You will be "
                     "told the date of your interview."),
        "return": _l("The dossier is returned to the candidate with your reason: they can complete it."),
        "schedule": _l("The interview is booked: the candidate and the jury have been notified."),
        "cancel_interview": _l("The interview is cancelled: the block waits for a new slot."),
        "validate": _l("The block is validated. The candidate will see it once the session is signed."),
        "reject": _l("The block is not validated. The candidate will see it once the session is signed."),
        "reopen_decision": _l("The decision is annulled: the block is back before the jury."),
        "certify": _l("The block is certified: its certificate is issued."),
        "withdraw": _l("The block is withdrawn from the application."),
    },
}


def done_message(workflow, event: str) -> str:
    return str(DONE[workflow.name][event])


_CLAIM_DONE = {
    "accept_claim": _l("The block is accepted: the candidate holds it, and it counts toward the title."),
    "refuse_claim": _l("The block is refused: the candidate sees your reason."),
}
DONE.update({f"claim_{source}": _CLAIM_DONE for source in ("training", "exam", "outside")})
