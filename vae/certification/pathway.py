"""The candidate's pathway to each title: blocks held (and how), in progress, missing (with the jury's
recommendations and the roads that remain), read for the "My blocks" page.

VAE is one road among several to the same title: a missing block can come from a new VAE
application, a training course's assessment or an equivalence; the page offers each.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from vae.certification.documents import TitleProgress
from vae.extensions import db
from vae.jury.publication import published_block_state
from vae.jury.recommendations import latest_published
from vae.models import BlockRecommendation, Case, CaseBlock, User
from vae.models.states import CASE_FINAL_STATES

# How a block was obtained, by the award's source. A source without a label here (a new road added
# later) still shows, by its name: add its label here.
AWARD_SOURCE_LABELS = {
    "jury": _l("jury decision"),
    "equivalence": _l("by equivalence"),
    "training": _l("Training course assessment"),
    "exam": _l("Exam"),
    "outside": _l("Block from another certifier"),
}


def award_source_label(source: str) -> str:
    label = AWARD_SOURCE_LABELS.get(source)
    return str(label) if label is not None else source.replace("_", " ")


# Block states that are not "in progress" for the pathway: the block is held, left or refused.
_NOT_IN_PROGRESS = ("withdrawn", "not_validated", "certified")


@dataclass
class MissingBlock:
    block: object
    recommendation: BlockRecommendation | None


@dataclass
class TitlePathway:
    progress: TitleProgress
    in_progress: list[CaseBlock] = field(default_factory=list)
    missing: list[MissingBlock] = field(default_factory=list)

    @property
    def title(self):
        return self.progress.title


def blocks_in_progress(candidate: User) -> dict[int, CaseBlock]:
    """{block id: case block} for the blocks of the candidate's applications still under way (as published)."""
    rows = db.session.scalars(
        select(CaseBlock).join(CaseBlock.case)
        # Each block's case in the same statement: the state shown depends on it (one more query per case).
        .options(contains_eager(CaseBlock.case))
        .where(Case.candidate_id == candidate.id, Case.state.not_in(CASE_FINAL_STATES))
        .order_by(CaseBlock.id))
    return {cb.block_id: cb for cb in rows if published_block_state(cb) not in _NOT_IN_PROGRESS}


def pathways(candidate: User, progress: list[TitleProgress]) -> list[TitlePathway]:
    """Each title's progress split into held / in progress / missing, with the published recommendations."""
    under_way = blocks_in_progress(candidate)
    recommended = latest_published(candidate.id)
    result = []
    for p in progress:
        pathway = TitlePathway(p)
        for block in p.missing:
            if block.id in under_way:
                pathway.in_progress.append(under_way[block.id])
            else:
                pathway.missing.append(MissingBlock(block, recommended.get(block.id)))
        result.append(pathway)
    return result
