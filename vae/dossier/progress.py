"""How far each block's dossier has come: competences covered / total, and open mentor items.

Computed for many case blocks at once in a fixed number of queries, so that list
pages stay bounded whatever the number of cases.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from vae.extensions import db
from vae.models import Annotation, CaseBlock, Competence
from vae.models.queries import covered_competence_ids
from vae.workflows.phases import phase_of


@dataclass(frozen=True)
class BlockProgress:
    covered: int
    total: int
    open_items: int  # open questions and change requests
    unanswered_questions: int
    phase: str  # one of vae.workflows.phases.PHASES

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.covered >= self.total


def progress_for(case_blocks: Iterable[CaseBlock]) -> dict[int, BlockProgress]:
    case_blocks = list(case_blocks)
    if not case_blocks:
        return {}
    ids = [cb.id for cb in case_blocks]
    totals = dict(db.session.execute(
        select(Competence.block_id, func.count(Competence.id))
        .where(Competence.block_id.in_({cb.block_id for cb in case_blocks}))
        .group_by(Competence.block_id)).all())
    # The same covered competences as the `submit` rule (every_competence_covered) counts.
    covered = {i: len(found) for i, found in covered_competence_ids(ids).items()}
    open_items: dict[int, list[int]] = {}
    reply = aliased(Annotation)
    replied = select(reply.parent_id).where(reply.parent_id.is_not(None)).scalar_subquery()
    rows = db.session.execute(
        select(Annotation.case_block_id, Annotation.kind, Annotation.id.in_(replied))
        .where(Annotation.case_block_id.in_(ids), Annotation.parent_id.is_(None),
               Annotation.resolved_at.is_(None), Annotation.kind.in_(("question", "change_request")))).all()
    for case_block_id, kind, has_reply in rows:
        counts = open_items.setdefault(case_block_id, [0, 0])
        counts[0] += 1
        if kind == "question" and not has_reply:
            counts[1] += 1
    return {cb.id: BlockProgress(covered.get(cb.id, 0), totals.get(cb.block_id, 0),
                                 *open_items.get(cb.id, (0, 0)), phase=phase_of(cb)) for cb in case_blocks}


def case_progress(progress: dict[int, BlockProgress], case_blocks: Iterable[CaseBlock]) -> tuple[int, int]:
    items = [progress[cb.id] for cb in case_blocks if cb.id in progress]
    return sum(p.covered for p in items), sum(p.total for p in items)
