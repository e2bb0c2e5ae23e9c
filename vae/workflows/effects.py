"""Effects shared by the two tables: what else changes when a state changes.

The effects that fire another transition import the tables inside the function: the
tables list these effects, so that import is a real cycle.
"""
from __future__ import annotations

from sqlalchemy import select

from vae.awards import award_block, withdraw_block_award
from vae.core.clock import now
from vae.extensions import db
from vae.models import BlockDecision


def stamp_case_submitted(ctx) -> None:
    ctx.case.submitted_at = now()


def stamp_admissibility_decided(ctx) -> None:
    ctx.case.admissibility_decided_at = now()


def open_documentation(ctx) -> None:
    """An admissible case opens the dossier of every block it selected."""
    from vae.workflows.block import BLOCK

    for block in ctx.case.blocks:
        if block.state == "selected":
            BLOCK.fire(block, "open_documentation", actor=None, reason="case admissible")


def withdraw_open_blocks(ctx) -> None:
    """A case that ends withdraws the blocks still being prepared."""
    from vae.workflows.block import BLOCK

    for block in ctx.case.blocks:
        if block.state in ("selected", "documenting", "submitted"):
            BLOCK.fire(block, "withdraw", actor=None, reason=f"case {ctx.transition.event}")


def close_case_when_done(ctx) -> None:
    """Once every block has reached its end, the case closes by itself."""
    from vae.workflows.case import CASE

    case = ctx.case
    if case.state == "admissible" and case.every_block_closed:
        CASE.fire(case, "close", actor=None, reason="every block closed")


def stamp_block_submitted(ctx) -> None:
    ctx.obj.submitted_at = now()


def detach_interview(ctx) -> None:
    ctx.obj.interview = None


def record_block_decision(ctx) -> None:
    """The jury's ruling, kept as a row the minutes and the candidate read."""
    block = ctx.obj
    db_decision = BlockDecision(
        case_block=block, interview=block.interview,
        decision="validated" if ctx.transition.target == "validated" else "not_validated",
        rationale=str(ctx.data.get("rationale") or "").strip(),
        recommendations=str(ctx.data.get("recommendations") or "").strip(),
        decided_by_id=ctx.actor.id, decided_at=now())
    db.session.add(db_decision)


def revoke_block_decision(ctx) -> None:
    """An admin annuls a decision: the row stays, marked revoked, with who and why."""
    decision = db.session.scalar(
        select(BlockDecision).where(BlockDecision.case_block_id == ctx.obj.id,
                                    BlockDecision.revoked_at.is_(None))
        .order_by(BlockDecision.id.desc()))
    if decision is not None:
        decision.revoked_at = now()
        decision.revoked_by_id = ctx.actor.id if ctx.actor is not None else None
        decision.revoke_reason = str(ctx.data.get("reason") or "")


def award_the_block(ctx) -> None:
    award_block(ctx.obj)


def take_the_award_back(ctx) -> None:
    withdraw_block_award(ctx.obj)
