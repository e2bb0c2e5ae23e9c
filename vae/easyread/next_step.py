"""The next step of a case in one easy-read sentence, and the phase it belongs to.

One function, `next_step(case)`, answers "what must I do now?" from the case's state and its
blocks' states (the same rules as the workflow guards and the dossier progress), so that every
candidate page can say it at the top in easy-read mode.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import pgettext

from vae.dossier.progress import progress_for
from vae.workflows.guards.identification import case_has_blocks, case_has_experience, candidate_email_confirmed
from vae.workflows.phases import phase_of

# Every easy-read text is `pgettext("easy", …)`: its own catalogue entry (msgctxt "easy"), written as a literal
# so that the extractor sees the context.

# Which block the next step is about: first the blocks where the candidate acts, then those where they wait.
_BLOCK_PRIORITY = ("documenting", "scheduled", "not_validated", "selected", "submitted", "validated", "certified")


@dataclass(frozen=True)
class NextStep:
    text: str
    phase: str  # one of vae.workflows.phases.PHASES
    case_block: object | None = None  # the block the step is about, for a link to its page


def visitor_step() -> NextStep:
    return NextStep(pgettext("easy", "Create your account to start your application."), "identification")


def no_case_step() -> NextStep:
    return NextStep(pgettext("easy", "Choose a diploma and start your application."), "identification")


def next_step(case) -> NextStep:
    if case.state == "draft":
        return _draft_step(case)
    if case.state in ("admissible", "closed"):  # a closed case still shows its blocks' results
        return _block_step(case)
    return NextStep(_CASE_TEXTS[case.state](), "identification")


_CASE_TEXTS = {
    "submitted": lambda: pgettext("easy", "Wait for the answer of the certifier about your application."),
    "incomplete": lambda: pgettext("easy", "Complete your application, then send it again."),
    "inadmissible": lambda: pgettext("easy", "Read the letter of the certifier: your application is refused."),
    "closed": lambda: pgettext("easy", "Nothing to do: this application is finished."),
    "abandoned": lambda: pgettext("easy", "Nothing to do: you stopped this application."),
}


def _draft_step(case) -> NextStep:
    # The same rules as the `submit` transition of the case workflow, in the order a candidate meets them.
    if case_has_blocks(case):
        text = pgettext("easy", "Choose the blocks of the diploma you want.")
    elif case_has_experience(case):
        text = pgettext("easy", "Describe your work experience.")
    elif candidate_email_confirmed(case):
        text = pgettext("easy", "Confirm your email address with the message we sent you.")
    else:
        text = pgettext("easy", "Send your application to the certifier.")
    return NextStep(text, "identification")


def _block_step(case) -> NextStep:
    active = [cb for cb in case.blocks if cb.state in _BLOCK_PRIORITY]
    if not active:  # every block withdrawn: the workflow closes the case
        return NextStep(_CASE_TEXTS["closed"](), "identification")
    case_block = min(active, key=lambda cb: (_BLOCK_PRIORITY.index(cb.state), cb.id))
    block = case_block.block.code
    if case_block.state == "documenting":
        progress = progress_for([case_block])[case_block.id]
        if progress.unanswered_questions:
            text = pgettext("easy", "Answer the question of your mentor in block %(block)s.", block=block)
        elif not progress.complete:
            text = pgettext("easy", "Add a proof for each skill of block %(block)s.", block=block)
        else:
            text = pgettext("easy", "Send block %(block)s to the jury.", block=block)
    else:
        text = _BLOCK_TEXTS[case_block.state](block)
    return NextStep(text, phase_of(case_block), case_block)


_BLOCK_TEXTS = {
    "scheduled": lambda block: pgettext("easy", "Go to your interview with the jury for block %(block)s.", block=block),
    "not_validated": lambda block: pgettext(
        "easy", "Read the result of the jury for block %(block)s and talk with your mentor.", block=block),
    "selected": lambda block: pgettext("easy", "Wait: the certifier opens the dossier of block %(block)s.", block=block),
    "submitted": lambda block: pgettext("easy", "Wait for the date of your interview for block %(block)s.", block=block),
    "validated": lambda block: pgettext("easy", "Wait for your certificate for block %(block)s.", block=block),
    "certified": lambda block: pgettext("easy", "Download your certificate in “My blocks”.", block=block),
}
