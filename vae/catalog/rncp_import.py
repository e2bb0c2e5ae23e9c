"""Writing register fiches into the catalogue: upsert titles, blocks and competences by code.

The caller owns the transaction: one commit at the end, or a rollback. A fiche that
cannot be imported (no number, a block without code, a block code owned by another
title) is checked *before* anything of it is written, then skipped and listed; the
others are imported. A file that breaks (not XML, cut short) or an unforeseen
database refusal aborts the whole import. See docs/rncp-import.md.
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import exists, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload

from vae.catalog.equivalences import propose_for_titles
from vae.catalog.rncp_xml import BlockEntry, Fiche, FicheProblem, RegisterFileError, open_register, read_fiches
from vae.extensions import db
from vae.models import Block, Competence, Evidence, Score, Title

SOURCE = "rncp"
# Objects are dropped from the session this often, so that memory does not grow with the file.
EXPUNGE_EVERY = 200


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[FicheProblem] = field(default_factory=list)
    # RNCP codes of titles that name older or newer versions: equivalences may be proposed.
    versioned: list[str] = field(default_factory=list)
    correspondences: list[tuple[str, str]] = field(default_factory=list)
    equivalences_proposed: int = 0

    @property
    def read(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.skipped)

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)

    def describe(self) -> str:
        lines = [f"fiches read: {self.read}",
                 f"  created: {self.created}", f"  updated: {self.updated}",
                 f"  unchanged: {self.unchanged}", f"  skipped: {len(self.skipped)}"]
        lines += [f"    - {problem.where}: {problem.reason}" for problem in self.skipped]
        if self.equivalences_proposed:
            lines.append(f"block equivalences proposed (to confirm in the catalogue admin): "
                         f"{self.equivalences_proposed}")
        if not self.changed_anything and not self.skipped:
            lines.append("nothing changed: the catalogue already matches this file")
        return "\n".join(lines)


def import_register_file(path: str | Path, on_progress: Callable[[int], None] | None = None) -> ImportReport:
    """Read the XML (or zip) and write it; raises RegisterFileError if the file is not a register export."""
    with open_register(path) as stream:
        report = import_fiches(read_fiches(stream), on_progress)
    report.equivalences_proposed = propose_for_titles(report.versioned, report.correspondences)
    return report


def import_fiches(items: Iterable[Fiche | FicheProblem],
                  on_progress: Callable[[int], None] | None = None) -> ImportReport:
    report = ImportReport()
    for count, item in enumerate(items, start=1):
        if isinstance(item, FicheProblem):
            report.skipped.append(item)
        else:
            _import_one(item, report)
        if count % EXPUNGE_EVERY == 0:
            db.session.flush()
            db.session.expunge_all()
            # Titles, blocks and competences refer to each other (cycles): only the
            # cycle collector frees them, and it rarely reaches old objects by itself.
            gc.collect()
        if on_progress is not None:
            on_progress(count)
    db.session.flush()
    return report


def _import_one(fiche: Fiche, report: ImportReport) -> None:
    digest = fiche.digest
    known = db.session.execute(
        select(Title.id, Title.source_digest).where(Title.rncp_code == fiche.rncp_code)).first()
    if known is not None and known.source_digest == digest:
        report.unchanged += 1
        return
    conflict = _block_code_owned_elsewhere(fiche)
    if conflict:
        report.skipped.append(FicheProblem(fiche.rncp_code, conflict))
        return
    try:
        upsert_title(fiche, digest, is_new=known is None)
    except SQLAlchemyError as error:  # unforeseen: abort the whole import rather than leave it half-written
        raise RegisterFileError(f"fiche {fiche.rncp_code} refused by the database "
                                f"({error.__class__.__name__}: {error.orig if hasattr(error, 'orig') else error})") from error
    if known is None:
        report.created += 1
    else:
        report.updated += 1
    if fiche.older_codes or fiche.newer_codes:
        report.versioned.append(fiche.rncp_code)
    report.correspondences.extend(fiche.block_correspondences)


def upsert_title(fiche: Fiche, digest: str, is_new: bool = False) -> Title:
    title = None if is_new else db.session.scalar(
        select(Title).where(Title.rncp_code == fiche.rncp_code)
        .options(selectinload(Title.blocks).selectinload(Block.competences)))
    if title is None:
        title = Title(rncp_code=fiche.rncp_code)
        db.session.add(title)
    title.label = fiche.label
    title.eqf_level = fiche.eqf_level
    title.active = fiche.active
    title.certifier_name = fiche.certifier_name
    title.end_date = fiche.end_date
    title.assessment_modalities = fiche.assessment_modalities
    title.older_codes = list(fiche.older_codes)
    title.newer_codes = list(fiche.newer_codes)
    title.source = SOURCE
    title.source_digest = digest
    existing = {block.code: block for block in title.blocks}
    for position, entry in enumerate(fiche.blocks, start=1):
        block = existing.get(entry.code)
        if block is None:
            block = Block(code=entry.code)
            title.blocks.append(block)
        _update_block(block, entry, position)
    # Blocks that left the register are kept: candidates may hold them (awards, cases).
    db.session.flush()
    return title


def _update_block(block: Block, entry: BlockEntry, position: int) -> None:
    block.label = entry.label
    block.position = position
    block.assessment_modalities = entry.assessment_modalities
    current = list(block.competences)
    for index, label in enumerate(entry.competences, start=1):
        if index <= len(current):
            current[index - 1].label = label
        else:
            block.competences.append(Competence(position=index, label=label))
    for surplus in current[len(entry.competences):]:
        if _competence_in_use(surplus):
            continue  # evidence or scores point at it: the history must stay readable
        block.competences.remove(surplus)


def _competence_in_use(competence: Competence) -> bool:
    if competence.id is None:
        return False
    return bool(db.session.scalar(select(
        exists().where(Evidence.competence_id == competence.id)
        | exists().where(Score.competence_id == competence.id))))


def _block_code_owned_elsewhere(fiche: Fiche) -> str | None:
    codes = [entry.code for entry in fiche.blocks]
    if len(set(codes)) != len(codes):
        return "the same block code appears twice in the fiche"
    if not codes:
        return None
    owner = db.session.execute(
        select(Block.code, Title.rncp_code).join(Title)
        .where(Block.code.in_(codes), Title.rncp_code != fiche.rncp_code).limit(1)).first()
    if owner is not None:
        return f"block {owner.code} already belongs to title {owner.rncp_code}"
    return None
