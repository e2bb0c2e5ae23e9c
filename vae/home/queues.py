"""What waits for each person, by role: the content of their home page.

Each queue shows counts per state (the filter links), the cases of the chosen
state, oldest first, one keyset page at a time. Filters come from the query string,
prefixed by the role (`admin_state`, `mentor_after`…) so that a person with
several roles can filter one queue without disturbing the others.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import selectinload

from vae.core.access import visible_cases
from vae.core.keyset import Key, keyset_page
from vae.core.row_loading import block_of, case_person, case_title
from vae.extensions import db
from vae.models import Annotation, Case, CaseBlock, JuryMember, JurySession, Title, User
from vae.models.queries import BlockChip, block_chips
from vae.models.state_counts import cases_per_state
from vae.models.states import ADMIN, CANDIDATE, CASE_STATES, JURY, MENTOR
from vae.notify.deadlines import overdue_results
from vae.notify.operations import undelivered_counts

PAGE_SIZE = 20
# Past this many titles with cases, the admin filters by RNCP code instead of a list.
TITLE_CHOICES = 200
OPEN_STATES = ("draft", "submitted", "incomplete", "admissible")
# Where each role's queue opens, and the states it offers as filters.
DEFAULT_STATE = {ADMIN: "submitted", MENTOR: None, CANDIDATE: None}
FILTER_STATES = {ADMIN: CASE_STATES, MENTOR: OPEN_STATES, CANDIDATE: CASE_STATES}
# The queues drawn by core/_case_table.html, whose blocks are read as plain rows.
CHIP_QUEUES = (ADMIN, MENTOR)


@dataclass
class Queue:
    role: str
    counts: dict[str, int] = field(default_factory=dict)
    state: str | None = None
    title_id: int | None = None
    pagination: object | None = None
    sessions: list = field(default_factory=list)
    open_items: int = 0  # a candidate's unresolved mentor questions and change requests
    titles: list = field(default_factory=list)
    title_by_code: bool = False  # too many titles for a list: the filter is a code to type
    title_code: str = ""
    overdue_results: list = field(default_factory=list)
    undelivered: dict[str, int] = field(default_factory=dict)
    # The admin's and the mentor's queues read their blocks as plain rows, case id → chips (the
    # mentor's with their session's state, to show only what is published); the candidate's
    # cards read `case.blocks`.
    chips: dict[int, list[BlockChip]] | None = None

    @property
    def cases(self) -> list[Case]:
        return list(self.pagination.items) if self.pagination is not None else []

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def arg(self, name: str) -> str:
        return f"{self.role}_{name}"


def _counts(query: Select) -> dict[str, int]:
    sub = query.subquery()
    counted = select(sub.c.state, func.count()).group_by(sub.c.state)
    return dict(db.session.execute(counted).all())


def _page(query: Select, keys, args: Mapping, role: str):
    # The rows show the candidate's name only: their roles are not loaded. Title and candidate
    # come in the page's own statement (one row each per case), the blocks with their block
    # rows in one more: 2 statements instead of 5, whatever the page size. The admin and mentor
    # queues read their blocks as plain rows instead (block_chips).
    query = query.options(case_title(), case_person(Case.candidate))
    if role not in CHIP_QUEUES:
        query = query.options(block_of(selectinload(Case.blocks)))
    # The counts per state above the list already say how many: no second COUNT.
    return keyset_page(query, keys, PAGE_SIZE, args, count=False, prefix=f"{role}_")


def _key(column, kind=datetime, **options) -> Key:
    return Key(column, lambda case, name=column.key: getattr(case, name), kind, **options)


BY_ID = Key(Case.id, lambda case: case.id, int)
# Awaiting a ruling: oldest submission first (the legal clock runs from it), never-submitted
# cases last; the order of index ix_case_queue_order.
ADMIN_ORDER = (Key(Case.submitted_at.is_(None), lambda case: case.submitted_at is None, bool),
               _key(Case.submitted_at, nullable=True), _key(Case.last_activity_at), BY_ID)
MENTOR_ORDER = (_key(Case.last_activity_at), BY_ID)
CANDIDATE_ORDER = (_key(Case.created_at), BY_ID)


def _int(args: Mapping, key: str, default: int | None = None) -> int | None:
    try:
        value = int(args.get(key, ""))
    except ValueError:
        return default
    return value if 0 < value < 1_000_000 else default


def _case_queue(role: str, base: Select, args: Mapping, order, every_case: bool = False) -> Queue:
    queue = Queue(role)
    queue.title_id = _int(args, queue.arg("title")) if role == ADMIN else None
    if role == ADMIN and not queue.title_id and args.get(queue.arg("code")):
        queue.title_code = str(args.get(queue.arg("code")))[:20].strip().upper()
        queue.title_id = db.session.scalar(select(Title.id).where(Title.rncp_code == queue.title_code)) or -1
    if queue.title_id:
        base = base.where(Case.title_id == queue.title_id)
    # Every case, unfiltered: the counts the database keeps per state (a few rows) instead of
    # a GROUP BY over the whole table; one title's counts are a GROUP BY of that title's cases.
    queue.counts = cases_per_state() if every_case and not queue.title_id else _counts(base)
    wanted = args.get(queue.arg("state"), DEFAULT_STATE[role])
    queue.state = wanted if wanted in FILTER_STATES[role] else None
    listed = base.where(Case.state == queue.state) if queue.state else base
    queue.pagination = _page(listed, order, args, role)
    if role in CHIP_QUEUES:
        queue.chips = block_chips((case.id for case in queue.cases), with_session_state=role == MENTOR)
    return queue


def for_user(user: User, args: Mapping | None = None) -> list[Queue]:
    args = args or {}
    queues = []
    if user.has_role(CANDIDATE):
        queue = _case_queue(CANDIDATE, select(Case).where(Case.candidate_id == user.id), args, CANDIDATE_ORDER)
        queue.open_items = _open_items(user)
        queues.append(queue)
    if user.has_role(MENTOR):
        queues.append(_case_queue(
            MENTOR, select(Case).where(Case.mentor_id == user.id, Case.state.in_(OPEN_STATES)), args,
            MENTOR_ORDER))
    if user.has_role(JURY):
        sessions = db.session.scalars(
            select(JurySession).join(JuryMember).where(JuryMember.user_id == user.id,
                                                       JurySession.state == "planned")
            .options(selectinload(JurySession.title))
            .order_by(JurySession.starts_at).limit(PAGE_SIZE)
        ).all()
        queues.append(Queue(JURY, sessions=list(sessions)))
    if user.has_role(ADMIN):
        queues.append(_admin_queue(user, args))
    return queues


def _open_items(candidate: User) -> int:
    return db.session.scalar(
        select(func.count(Annotation.id)).join(CaseBlock, Annotation.case_block_id == CaseBlock.id)
        .join(Case, CaseBlock.case_id == Case.id)
        .where(Case.candidate_id == candidate.id, Annotation.parent_id.is_(None),
               Annotation.resolved_at.is_(None), Annotation.kind.in_(("question", "change_request")))) or 0


def _admin_queue(user: User, args: Mapping) -> Queue:
    # An admin sees every case (vae.core.access.visible_cases): the kept counts are theirs.
    queue = _case_queue(ADMIN, visible_cases(user), args, ADMIN_ORDER, every_case=True)
    titles = list(db.session.execute(
        # EXISTS per title in code order: stops after TITLE_CHOICES + 1 titles instead of reading every case.
        select(Title.id, Title.rncp_code).where(exists().where(Case.title_id == Title.id)).order_by(Title.rncp_code)
        .limit(TITLE_CHOICES + 1)))
    queue.title_by_code = len(titles) > TITLE_CHOICES
    queue.titles = [] if queue.title_by_code else titles
    queue.overdue_results = list(db.session.scalars(overdue_results().limit(PAGE_SIZE)))
    queue.undelivered = undelivered_counts()
    return queue
