"""The jury's structured recommendations (préconisations) on a block it did not validate.

The president writes them when deciding (the certifier's staff may too), until the session is
signed: they are part of the signed minutes. The candidate reads them once the session is signed,
on the result page, on the pathway page, and on the block of their next application.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from vae.core.audit import record
from vae.core.clock import now
from vae.core.refusal import Refused
from vae.extensions import db
from vae.models import BlockDecision, BlockRecommendation, Interview, JurySession, User
from vae.models.states import MAX_EXPERIENCE_MONTHS, NEXT_STEPS
from vae.workflows.guards.assessment import session_open

NEXT_STEP_LABELS = {
    "experience": _l("Further professional experience"),
    "training": _l("A training module"),
    "new_attempt": _l("A new VAE application"),
}
assert set(NEXT_STEP_LABELS) == set(NEXT_STEPS)


def recommendation_of(decision: BlockDecision) -> BlockRecommendation | None:
    return db.session.scalar(select(BlockRecommendation).where(BlockRecommendation.decision_id == decision.id))


def by_decision(decisions: list[BlockDecision]) -> dict[int, BlockRecommendation]:
    """{decision id: recommendation} for the decisions listed (one query for a page or the minutes)."""
    ids = [d.id for d in decisions]
    if not ids:
        return {}
    rows = db.session.scalars(select(BlockRecommendation).where(BlockRecommendation.decision_id.in_(ids)))
    return {r.decision_id: r for r in rows}


def published_recommendations(candidate_id: int) -> list[BlockRecommendation]:
    """The recommendations the candidate may read, oldest first: their decision stands and their session
    is signed (before that, the jury's deliberation is not the candidate's to read)."""
    return list(db.session.scalars(
        select(BlockRecommendation)
        .join(BlockDecision, BlockDecision.id == BlockRecommendation.decision_id)
        .join(Interview, Interview.id == BlockDecision.interview_id)
        .join(JurySession, JurySession.id == Interview.session_id)
        .where(BlockRecommendation.candidate_id == candidate_id, BlockDecision.revoked_at.is_(None),
               JurySession.signed_at.is_not(None))
        .order_by(BlockDecision.decided_at, BlockRecommendation.id)))


def latest_published(candidate_id: int) -> dict[int, BlockRecommendation]:
    """{block id: the latest recommendation the candidate may read}."""
    return {r.block_id: r for r in published_recommendations(candidate_id)}  # later rows overwrite earlier


def write_recommendation(decision: BlockDecision, *, competence_ids: list[int], next_step: str | None,
                         experience_months: int | None, training_module: str, note: str,
                         actor: User) -> BlockRecommendation:
    """Record (or correct) the recommendations on a block not validated; refused with every reason."""
    if decision.decision != "not_validated" or decision.revoked_at is not None:
        raise Refused(_("Recommendations follow a decision not to validate the block."))
    if reason := session_open(decision.interview.session):
        raise Refused(reason)
    block = decision.case_block.block
    offered = {c.id: c for c in block.all_competences}
    next_step = next_step or None
    training_module = (training_module or "").strip()
    reasons = []
    if any(i not in offered for i in competence_ids):
        reasons.append(_("Choose competences of this block only."))
    if next_step is not None and next_step not in NEXT_STEPS:
        reasons.append(_("Choose a next step from the list."))
    if not competence_ids and next_step is None:
        reasons.append(_("Name at least one competence that fell short, or suggest a next step."))
    if next_step == "experience":
        if experience_months is None or not 1 <= experience_months <= MAX_EXPERIENCE_MONTHS:
            reasons.append(_("Give the further experience in months, from 1 to %(max)d.", max=MAX_EXPERIENCE_MONTHS))
    elif experience_months is not None:
        reasons.append(_("A number of months goes with further experience only."))
    if next_step == "training" and not training_module:
        reasons.append(_("Name the training module."))
    if reasons:
        raise Refused(reasons)
    shortfalls = [offered[i] for i in sorted(set(competence_ids), key=lambda i: offered[i].position)]
    recommendation = recommendation_of(decision)
    if recommendation is None:
        recommendation = BlockRecommendation(decision=decision, candidate_id=decision.case_block.case.candidate_id,
                                             block_id=block.id, written_by_id=actor.id, shortfalls=[])
        db.session.add(recommendation)
    recommendation.next_step = next_step
    recommendation.experience_months = experience_months if next_step == "experience" else None
    recommendation.training_module = training_module if next_step == "training" else ""
    recommendation.note = (note or "").strip()
    recommendation.shortfalls = shortfalls
    recommendation.written_by_id = actor.id
    recommendation.written_at = now()
    db.session.flush()
    record(actor, "case_block", decision.case_block_id, "recommendation_written",
           case_id=decision.case_block.case_id,
           data={"decision_id": decision.id, "next_step": next_step,
                 "shortfalls": [c.id for c in recommendation.shortfalls]})
    return recommendation
