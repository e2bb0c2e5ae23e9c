"""Domain verbs of the catalogue: searching titles, changing a title's policy."""
from __future__ import annotations

from sqlalchemy import Select, select

from vae.core.audit import record
from vae.catalog.search import title_matches
from vae.extensions import db
from vae.models import Title, User

POLICY_FIELDS = ("interview_base_minutes", "interview_per_block_minutes", "interview_max_minutes",
                 "award_validity_years")


def search_titles(words: str = "", code: str = "", level: int | None = None) -> Select:
    """Titles matching every word (in the title or one of its blocks), an RNCP code prefix and a level."""
    query = select(Title).order_by(Title.active.desc(), Title.label, Title.id)
    if words.strip():
        query = query.where(title_matches(words))
    if code:
        normalized = code.strip().upper()
        if normalized.isdigit():
            normalized = "RNCP" + normalized
        query = query.where(Title.rncp_code.like(f"{normalized}%"))
    if level:
        query = query.where(Title.eqf_level == level)
    return query


def update_title_policy(title: Title, actor: User, *, required_block_ids: set[int], **policy) -> dict:
    """Set the interview rule, award validity and required blocks; journals what changed. Returns the changes."""
    changes = {}
    for name in POLICY_FIELDS:
        value = policy[name]
        if getattr(title, name) != value:
            changes[name] = [getattr(title, name), value]
            setattr(title, name, value)
    for block in title.blocks:
        required = block.id in required_block_ids
        if block.required != required:
            changes[f"required:{block.code}"] = [block.required, required]
            block.required = required
    if changes:
        record(actor, "title", title.id, "title_policy_changed", data=changes)
    db.session.flush()
    return changes
