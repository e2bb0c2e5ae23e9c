"""Accumulation (below the workflows: their effects call it, it never fires a transition): blocks a candidate holds for good, and the full title they add up to.

A validated block becomes a `BlockAward` of the candidate (not of the case), so
blocks earned in different cases, years apart, add up. When they cover every
required block of a title, the `TitleAward` is created in the same transaction.
Two decisions for one candidate may run at the same moment (two juries, two
cases): the candidate's row is locked first, so the second one sees the first
one's award and the title is awarded exactly once.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from vae.core.clock import now
from vae.extensions import db
from vae.models import (
    Block,
    BlockAward,
    BlockClaim,
    BlockDecision,
    CaseBlock,
    Certificate,
    Title,
    TitleAward,
    User,
)
from vae.models.queries import confirmed_equivalences_from, equivalent_block_ids


def lock_candidate(candidate_id: int) -> User:
    """SELECT … FOR UPDATE on the candidate (a no-op on SQLite, which serialises writers)."""
    return db.session.scalar(
        select(User).where(User.id == candidate_id).with_for_update()
        .execution_options(populate_existing=True)
    )


def _still_valid(award: BlockAward, moment: datetime) -> bool:
    return award.expires_at is None or award.expires_at > moment


def held_block_ids(candidate_id: int) -> dict[int, BlockAward]:
    """Block id -> the award that makes the candidate hold it: their own awards, then the
    blocks those count as through confirmed equivalences (chains v1 → v2 → v3 included).

    An award whose certificate was revoked is no longer held (see docs/credentials.md).
    """
    moment = now()
    revoked = select(Certificate.block_award_id).where(Certificate.block_award_id.is_not(None),
                                                       Certificate.revoked_at.is_not(None))
    awards = db.session.scalars(
        select(BlockAward).where(BlockAward.candidate_id == candidate_id, BlockAward.id.not_in(revoked))
        .order_by(BlockAward.awarded_at)
        .options(joinedload(BlockAward.case_block))  # whether a jury's award is published reads it: one query, not one each
    ).all()
    held = {a.block_id: a for a in awards if _still_valid(a, moment)}
    leads_to = confirmed_equivalences_from(held)  # one query per step of the longest chain
    for award in list(held.values()):
        for block_id in sorted(_reachable(award.block_id, leads_to)):
            held.setdefault(block_id, award)
    return held


def _reachable(block_id: int, leads_to: dict[int, set[int]]) -> set[int]:
    """The block and every block it counts as (what `equivalent_block_ids({block_id})` returns)."""
    reached, frontier = {block_id}, [block_id]
    while frontier:
        for new in leads_to.get(frontier.pop(), ()):
            if new not in reached:
                reached.add(new)
                frontier.append(new)
    return reached


def _titles_touched(block: Block) -> list[Title]:
    """The block's own title, and the titles whose blocks it counts for by equivalence."""
    blocks = db.session.scalars(select(Block).where(Block.id.in_(equivalent_block_ids({block.id})))).all()
    titles = {b.title_id: b.title for b in sorted(blocks, key=lambda b: b.id != block.id)}
    return list(titles.values())


def _validating_decision(case_block: CaseBlock) -> BlockDecision | None:
    return db.session.scalar(
        select(BlockDecision).where(BlockDecision.case_block_id == case_block.id,
                                    BlockDecision.decision == "validated",
                                    BlockDecision.revoked_at.is_(None))
        .order_by(BlockDecision.decided_at.desc(), BlockDecision.id.desc()).limit(1)
    )


def _expiry(title: Title, moment: datetime) -> datetime | None:
    years = title.award_validity_years
    if not years:
        return None
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)


def award_title_if_complete(candidate_id: int, title: Title) -> TitleAward | None:
    """Create the title award when every required block is held; never twice."""
    existing = db.session.scalar(select(TitleAward).where(
        TitleAward.candidate_id == candidate_id, TitleAward.title_id == title.id))
    if existing is not None:
        return None
    required = {b.id for b in title.required_blocks}
    if not required or not required <= set(held_block_ids(candidate_id)):
        return None
    award = TitleAward(candidate_id=candidate_id, title_id=title.id, awarded_at=now())
    db.session.add(award)
    db.session.flush()
    return award


def award_block(case_block: CaseBlock) -> None:
    """What BLOCK "validate" earns: the candidate now holds this block (and maybe the title)."""
    candidate_id = case_block.case.candidate_id
    lock_candidate(candidate_id)
    award = db.session.scalar(select(BlockAward).where(
        BlockAward.candidate_id == candidate_id, BlockAward.block_id == case_block.block_id))
    if award is None:
        moment = now()
        award = BlockAward(candidate_id=candidate_id, block_id=case_block.block_id,
                           case_block_id=case_block.id, decision=_validating_decision(case_block),
                           source="jury", awarded_at=moment,
                           expires_at=_expiry(case_block.block.title, moment))
        db.session.add(award)
        db.session.flush()
    for title in _titles_touched(case_block.block):
        award_title_if_complete(candidate_id, title)


@dataclass(frozen=True)
class AwardsOfCaseBlock:
    block_award: BlockAward | None
    title_awards: list[TitleAward]


def awards_earned_by(case_block: CaseBlock) -> AwardsOfCaseBlock:
    """The block award this case block earned, and the title awards that rest on it."""
    award = db.session.scalar(select(BlockAward).where(BlockAward.case_block_id == case_block.id))
    if award is None:
        return AwardsOfCaseBlock(None, [])
    titles = [t.id for t in _titles_touched(case_block.block)]
    title_awards = db.session.scalars(select(TitleAward).where(
        TitleAward.candidate_id == award.candidate_id, TitleAward.title_id.in_(titles))).all()
    return AwardsOfCaseBlock(award, list(title_awards))


def has_certificate(*, block_award: BlockAward | None = None, title_award: TitleAward | None = None) -> bool:
    query = select(Certificate.id)
    if block_award is not None:
        query = query.where(Certificate.block_award_id == block_award.id)
    else:
        query = query.where(Certificate.title_award_id == title_award.id)
    return db.session.scalar(query.limit(1)) is not None


def withdraw_block_award(case_block: CaseBlock) -> None:
    """What BLOCK "reopen_decision" takes back: an annulled validation loses its award.

    The guard `award_not_certified` has made sure nothing was issued for it yet.
    """
    earned = awards_earned_by(case_block)
    if earned.block_award is None:
        return
    lock_candidate(earned.block_award.candidate_id)
    for title_award in earned.title_awards:
        db.session.delete(title_award)
    db.session.delete(earned.block_award)
    db.session.flush()
    # A title may still be complete through another award (e.g. an equivalence).
    for title in _titles_touched(case_block.block):
        award_title_if_complete(case_block.case.candidate_id, title)


def award_claim(claim: BlockClaim) -> BlockAward:
    """What an accepted training, exam or outside block earns: the candidate holds it (and
    maybe the title), counted exactly like a jury's award (`held_block_ids`)."""
    lock_candidate(claim.candidate_id)
    moment = now()
    award = BlockAward(candidate_id=claim.candidate_id, block_id=claim.block_id, claim_id=claim.id,
                       source=claim.source, awarded_at=moment, expires_at=_expiry(claim.block.title, moment))
    db.session.add(award)
    db.session.flush()
    for title in _titles_touched(claim.block):
        award_title_if_complete(claim.candidate_id, title)
    return award
