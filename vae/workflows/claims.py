"""The roads to a block other than a VAE jury, one small table each: declared → accepted | refused.

A training body's assessment and an exam are recorded by the certifier (or a partner through
the API); a block from another certifier is declared by the candidate with its proof. Only the
certifier accepts or refuses. A claim belongs to no case: the actor is the candidate who owns
it, or certifier staff (`claim_relations`).
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from vae.awards import award_claim
from vae.core.clock import now
from vae.models import BlockClaim, User
from vae.models.states import ADMIN, CANDIDATE, CLAIM_FINAL_STATES, CLAIM_STATES
from vae.workflows.engine import T, Workflow
from vae.workflows.guards.claims import block_not_held, credential_verified, proof_present


def claim_relations(user: User, claim: BlockClaim) -> set[str]:
    if user is None or not user.is_authenticated or not user.active:
        return set()
    relations = set()
    if user.has_role(ADMIN):
        relations.add(ADMIN)
    if user.has_role(CANDIDATE) and claim.candidate_id == user.id:
        relations.add(CANDIDATE)
    return relations


def stamp_decision(ctx) -> None:
    ctx.obj.decided_by = ctx.actor
    ctx.obj.decided_at = now()
    if ctx.transition.target == "refused":
        ctx.obj.refusal_reason = str(ctx.data.get("reason") or "").strip()


def award_the_claim(ctx) -> None:
    award_claim(ctx.obj)


def _table(source: str, accept_guards) -> Workflow:
    return Workflow(f"claim_{source}", model=BlockClaim, initial="declared", states=CLAIM_STATES,
                    final_states=CLAIM_FINAL_STATES, case_of=lambda claim: None, relations=claim_relations,
                    transitions=[
        T("accept_claim", ["declared"], "accepted", roles={ADMIN}, label=_l("Accept the block"),
          guards=accept_guards, effects=[stamp_decision, award_the_claim]),
        T("refuse_claim", ["declared"], "refused", roles={ADMIN}, label=_l("Refuse the block"),
          needs=["reason"], effects=[stamp_decision]),
    ])


TRAINING = _table("training", [block_not_held, proof_present])
EXAM = _table("exam", [block_not_held, proof_present])
OUTSIDE = _table("outside", [block_not_held, proof_present, credential_verified])
CLAIM_WORKFLOWS = {"training": TRAINING, "exam": EXAM, "outside": OUTSIDE}
