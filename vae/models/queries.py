"""Read-only queries that the workflow rules and the features share.

They sit below the workflows so that a rule (`vae/workflows/guards/`) and a page
(candidate progress, jury scoring) compute the same thing the same way.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import exists, func, or_, select

from vae.extensions import db
from vae.models import (Annotation, Block, BlockEquivalence, CaseBlock, Evidence, Interview, JuryMember, JurySession,
                        Meeting, MeetingAttendee, Score, User)


def covered_competence_ids(case_block_ids: Iterable[int]) -> dict[int, set[int]]:
    """{case_block_id: ids of the competences that have evidence (or are kept for the interview)}."""
    ids = list(case_block_ids)
    covered: dict[int, set[int]] = {i: set() for i in ids}
    if ids:
        rows = db.session.execute(select(Evidence.case_block_id, Evidence.competence_id).where(
            Evidence.case_block_id.in_(ids), Evidence.competence_id.is_not(None)))
        for case_block_id, competence_id in rows:
            covered[case_block_id].add(competence_id)
    return covered


def has_open_change_request(case_block_id: int) -> bool:
    return bool(db.session.scalar(select(exists().where(
        Annotation.case_block_id == case_block_id, Annotation.kind == "change_request",
        Annotation.parent_id.is_(None), Annotation.resolved_at.is_(None)))))


def scores_of(interview: Interview, member: JuryMember) -> dict[int, Score]:
    """{competence_id: score} given by this member at this interview."""
    rows = db.session.scalars(select(Score).where(Score.interview_id == interview.id,
                                                  Score.member_id == member.id))
    return {s.competence_id: s for s in rows}


def scored_competence_ids(interview: Interview, member: JuryMember) -> set[int]:
    return set(scores_of(interview, member))


def equivalent_block_ids(block_ids: Iterable[int]) -> set[int]:
    """The blocks held, plus every block they count as through confirmed equivalences.

    Follows chains (v1 → v2 → v3): a block of the first version counts toward the third.
    For the awards code: `required ⊆ equivalent_block_ids(held)` means the title is complete.
    """
    held = set(block_ids)
    return held.union(*confirmed_equivalences_from(held).values())


def confirmed_equivalences_from(block_ids: Iterable[int]) -> dict[int, set[int]]:
    """{old block: new blocks} for every confirmed equivalence reachable from `block_ids`, chains
    followed: one query per step of the longest chain, whatever the number of blocks."""
    leads_to: dict[int, set[int]] = {}
    seen = set(block_ids)
    frontier = set(seen)
    while frontier:
        rows = db.session.execute(select(BlockEquivalence.old_block_id, BlockEquivalence.new_block_id).where(
            BlockEquivalence.old_block_id.in_(frontier), BlockEquivalence.confirmed_at.is_not(None)))
        reached = set()
        for old, new in rows:
            leads_to.setdefault(old, set()).add(new)
            reached.add(new)
        frontier = reached - seen
        seen |= reached
    return leads_to


def accompaniment_minutes(case_ids: Iterable[int]) -> dict[int, int]:
    """{case_id: minutes of accompaniment}: meetings held that the candidate attended (funders report them)."""
    ids = list(case_ids)
    minutes = {i: 0 for i in ids}
    if ids:
        rows = db.session.execute(
            select(MeetingAttendee.case_id, func.sum(Meeting.held_minutes))
            .join(Meeting, Meeting.id == MeetingAttendee.meeting_id)
            .where(MeetingAttendee.case_id.in_(ids), Meeting.state == "held", MeetingAttendee.attended.is_(True))
            .group_by(MeetingAttendee.case_id))
        for case_id, total in rows:
            minutes[case_id] = int(total or 0)
    return minutes


def total_accompaniment_minutes() -> int:
    """Every case's accompaniment together: one candidate's hour at a group workshop counts once per candidate."""
    return int(db.session.scalar(
        select(func.coalesce(func.sum(Meeting.held_minutes), 0))
        .join(MeetingAttendee, MeetingAttendee.meeting_id == Meeting.id)
        .where(Meeting.state == "held", MeetingAttendee.attended.is_(True))) or 0)


class BlockName(NamedTuple):
    code: str
    label: str


class BlockChip(NamedTuple):
    """What a queue row shows of a case block, shaped like the case block it stands for
    (`chip.id`, `chip.state`, `chip.block_id`, `chip.block.code`, `chip.block.label`), with the
    state of the jury session that interviews it (None without one, or when not asked for)."""
    id: int
    state: str
    block_id: int
    block: BlockName
    session_state: str | None = None


def case_block_columns(case_ids, *columns, with_session: bool = False) -> dict[int, list[tuple]]:
    """The given columns of each case's blocks (case block joined to its block, and to its interview's
    jury session if asked), in the order the case lists them: one query, no ORM objects."""
    rows_of: dict[int, list[tuple]] = {case_id: [] for case_id in case_ids}
    if rows_of:
        query = select(CaseBlock.case_id, *columns).join(Block, CaseBlock.block_id == Block.id)
        if with_session:
            query = (query.outerjoin(Interview, CaseBlock.interview_id == Interview.id)
                     .outerjoin(JurySession, Interview.session_id == JurySession.id))
        rows = db.session.execute(query.where(CaseBlock.case_id.in_(rows_of)).order_by(CaseBlock.id))
        for case_id, *values in rows:
            rows_of[case_id].append(tuple(values))
    return rows_of


def block_chips(case_ids, *, with_session_state: bool = False) -> dict[int, list[BlockChip]]:
    """What the case queues show of each case's blocks, in one query and no ORM objects.

    Building ~150 case-block and block objects was a third of the admin home. Those who may only
    read a decision once its session is signed (a mentor) need the session's state: ask for it,
    and read the chips through `vae.jury.publication.chip_state_reader`."""
    columns = [CaseBlock.id, CaseBlock.state, Block.id, Block.code, Block.label]
    if with_session_state:
        columns.append(JurySession.state)
    rows_of = case_block_columns(case_ids, *columns, with_session=with_session_state)
    return {case_id: [BlockChip(case_block_id, state, block_id, BlockName(code, label), *session_state)
                      for case_block_id, state, block_id, code, label, *session_state in rows]
            for case_id, rows in rows_of.items()}


def people_matching(words: str):
    """Email, last name or first name containing the words as typed (a `%` or `_` is a character);
    one or two characters match the start only ("li" finds Li and Lissandre, not Amélie).

    The expressions are those of the trigram indexes of migration 0009_peoplesearch, which need
    three characters to find a part inside a word (the people list, the mentors to assign)."""
    typed = words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = f"%{typed}%" if len(words) >= 3 else f"{typed}%"
    columns = (User.email, User.last_name, User.first_name)
    return or_(*(func.lower(column).like(like, escape="\\") for column in columns))
