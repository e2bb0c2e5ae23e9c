"""Writing register fiches into the catalogue: upsert titles, blocks and competences by code.

The caller owns the transaction: one commit at the end, or a rollback. A fiche that
cannot be imported (no number, a block without code, a block code owned by another
title) is checked *before* anything of it is written, then skipped and listed; the
others are imported. A file that breaks (not XML, cut short) or an unforeseen
database refusal aborts the whole import. See docs/rncp-import.md.
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from vae.catalog.equivalences import propose_for_titles
from vae.catalog.fulltext_bulk import fulltext_per_batch, pause_fulltext_triggers, rewrite_fulltext_rows
from vae.catalog.read_ahead import read_ahead
from vae.catalog.rncp_write import ids_by, insert_new_titles, update_changed_titles
from vae.catalog.rncp_xml import Fiche, FicheProblem, RegisterFileError, Unchanged, open_register, read_fiches
from vae.catalog.sql_lists import one_of
from vae.core.audit import record
from vae.extensions import db
from vae.models import Block, Title, User

# Fiches checked and written together: one lookup of block owners per batch, then the
# session is emptied so that memory does not grow with the file.
BATCH_SIZE = 500
# Fiches named in the journal entry of an import (the counts are always complete).
JOURNAL_LIST_LIMIT = 200


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_count: int = 0
    # The first problems (for the journal and the report; capped so memory stays flat).
    skipped: list[FicheProblem] = field(default_factory=list)
    # Codes of the first titles created or updated (for the journal; capped so memory stays flat).
    touched: list[str] = field(default_factory=list)
    competences: int = 0
    links: int = 0
    equivalences_proposed: int = 0

    @property
    def read(self) -> int:
        return self.created + self.updated + self.unchanged + self.skipped_count

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)

    def skip(self, problem: FicheProblem) -> None:
        self.skipped_count += 1
        if len(self.skipped) < JOURNAL_LIST_LIMIT:
            self.skipped.append(problem)

    def describe(self) -> str:
        lines = [f"fiches read: {self.read}",
                 f"  created: {self.created}", f"  updated: {self.updated}",
                 f"  unchanged: {self.unchanged}", f"  skipped: {self.skipped_count}"]
        lines += [f"    - {problem.where}: {problem.reason}" for problem in self.skipped]
        if self.skipped_count > len(self.skipped):
            lines.append(f"    (only the first {len(self.skipped)} are listed)")
        if self.changed_anything:
            lines.append(f"competences read in created or updated fiches: {self.competences}")
            lines.append(f"version links and correspondences stated by them: {self.links}")
        if self.equivalences_proposed:
            lines.append(f"block equivalences proposed (to confirm in the catalogue admin): "
                         f"{self.equivalences_proposed}")
        if not self.changed_anything and not self.skipped:
            lines.append("nothing changed: the catalogue already matches this file")
        return "\n".join(lines)

    def as_journal_data(self, limit: int = JOURNAL_LIST_LIMIT) -> dict:
        """The report for the audit journal: counts, and the named fiches (at most `limit` of each kind)."""
        return {"read": self.read, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "skipped": self.skipped_count,
                "skipped_fiches": [{"fiche": p.where, "reason": p.reason} for p in self.skipped[:limit]],
                "touched_fiches": self.touched[:limit], "listed_up_to": limit,
                "equivalences_proposed": self.equivalences_proposed}


def import_register_file(path: str | Path, on_progress: Callable[[int], None] | None = None,
                         actor: User | None = None) -> ImportReport:
    """Read the XML (or zip) and write it; raises RegisterFileError if the file is not a register export."""
    with open_register(path) as stream:
        return import_register_stream(stream, on_progress, actor=actor, source_name=Path(path).name)


def import_register_stream(stream: IO[bytes], on_progress: Callable[[int], None] | None = None,
                           actor: User | None = None, source_name: str = "stream") -> ImportReport:
    """Import an open register export, propose the block equivalences its links allow, journal the report."""
    known = known_fingerprints()
    # The reader parses the next fiches in a thread while a batch is written (read_ahead.py);
    # closed on the way out so that it has stopped before the stream is closed.
    with heap_frozen(), fulltext_per_batch(), closing(read_ahead(read_fiches(stream, known))) as items:
        report = import_fiches(items, on_progress)
    record(actor, "register", 0, "register_imported", data={"file": source_name, **report.as_journal_data()})
    db.session.flush()
    return report


@contextmanager
def heap_frozen() -> Iterator[None]:
    """The objects that exist before the import (the application, its mappers, the known
    fingerprints) are left out of the cycle collector's passes while it runs: the import
    allocates millions of short-lived tuples, and each full pass over the whole heap they
    triggered cost about a fifth of a first import. Objects made during the import are still
    collected; the frozen ones go back to the collector afterwards."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def known_fingerprints() -> dict[str, str | None]:
    """RNCP code → fingerprint of every title in the catalogue (None: not from an import),
    for the reader to skip unchanged fiches without building them.

    One query for the whole import. It grows with the catalogue (about 3 MB for the
    20,000 fiches of the national register), not with the file: it is not updated as the
    import writes (the writer reads the fingerprints of each batch's titles from the
    database instead), so a first import's memory stays flat."""
    return dict(db.session.execute(select(Title.rncp_code, Title.source_digest)).all())


def import_fiches(items: Iterable[Fiche | FicheProblem | Unchanged],
                  on_progress: Callable[[int], None] | None = None) -> ImportReport:
    """Write the fiches a batch at a time; what the report and the session hold does not grow with the file."""
    report = ImportReport()
    batch: list[Fiche | FicheProblem] = []
    numbers_in_batch: set[str] = set()
    for count, item in enumerate(items, start=1):
        if isinstance(item, Unchanged):
            report.unchanged += 1
            if on_progress is not None:
                on_progress(count)
            continue
        if isinstance(item, Fiche):
            if item.rncp_code in numbers_in_batch:
                # The same fiche twice in a file: the second is compared with what the first wrote.
                _write_and_free(batch, report)
                numbers_in_batch = set()
            numbers_in_batch.add(item.rncp_code)
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            _write_and_free(batch, report)
            numbers_in_batch = set()
        if on_progress is not None:
            on_progress(count)
    _write_and_free(batch, report)
    return report


def _write_and_free(batch: list[Fiche | FicheProblem], report: ImportReport) -> None:
    """Write a batch, then empty it and free what it left in reference cycles.

    Loaded titles, blocks and competences refer to each other, and every lookup statement of
    a batch (SQLAlchemy expression objects refer to each other) holds the batch's list of codes
    or ids. Left to the collector's thresholds, ~250 kB a batch piled up for several batches,
    so the peak grew with the number of batches. The batch's fiches are dropped first (by
    reference counting), so the pass has little left to scan (the heap from before the import
    is frozen, see heap_frozen)."""
    _write_batch(batch, report)
    batch.clear()
    gc.collect()


def _write_batch(batch: list[Fiche | FicheProblem], report: ImportReport) -> None:
    """Check, then write, a batch of fiches with a fixed number of queries (not several per fiche)."""
    fiches = [item for item in batch if isinstance(item, Fiche)]
    # The catalogue's fingerprints for these fiches, as written so far (a fiche repeated in the
    # file is compared with what its first copy wrote): one query per batch, nothing kept after.
    known = _stored_fingerprints([fiche.rncp_code for fiche in fiches])
    changed = [fiche for fiche in fiches if known.get(fiche.rncp_code) != fiche.digest]
    owners = _block_owners([entry.code for fiche in changed for entry in fiche.blocks])
    new, updated = [], []
    for item in batch:
        if isinstance(item, FicheProblem):
            report.skip(item)
            continue
        digest = item.digest
        if known.get(item.rncp_code) == digest:
            report.unchanged += 1
            continue
        conflict = _block_code_conflict(item, owners)
        if conflict:
            report.skip(FicheProblem(item.rncp_code, conflict))
            continue
        for entry in item.blocks:
            owners[entry.code] = item.rncp_code  # later fiches of the batch see it as taken
        (updated if item.rncp_code in known else new).append((item, digest))
        if len(report.touched) < JOURNAL_LIST_LIMIT:
            report.touched.append(item.rncp_code)
        report.competences += sum(len(entry.competences) for entry in item.blocks)
        report.links += len(item.links)
    try:
        if new or updated:
            pause_fulltext_triggers()
        insert_new_titles(new)
        update_changed_titles(updated)
        db.session.flush()
        rewrite_fulltext_rows([fiche.rncp_code for fiche, _ in new + updated])
        # Links between these titles and any title already known (earlier batches, earlier
        # imports); a link to a title further on is resolved when that title's batch comes.
        report.equivalences_proposed += propose_for_titles([fiche.rncp_code for fiche, _ in new + updated])
    except SQLAlchemyError as error:  # unforeseen: abort the whole import rather than leave it half-written
        names = [fiche.rncp_code for fiche, _ in new + updated]
        raise RegisterFileError(
            f"one of the fiches {names[0]} to {names[-1]} was refused by the database "
            f"({error.__class__.__name__}: {getattr(error, 'orig', None) or error})") from error
    report.created += len(new)
    report.updated += len(updated)
    db.session.expunge_all()


def _stored_fingerprints(rncp_codes: list[str]) -> Mapping[str, str | None]:
    """RNCP code → fingerprint of the titles of these codes that the catalogue holds."""
    return ids_by(Title.__table__, "rncp_code", "rncp_code", rncp_codes, value="source_digest")


def _block_owners(codes: list[str]) -> dict[str, str]:
    """Block code → RNCP code of the title that holds it, for the codes that exist."""
    if not codes:
        return {}
    return dict(db.session.execute(
        select(Block.code, Title.rncp_code).join(Title).where(one_of(Block.code, codes))).all())


def _block_code_conflict(fiche: Fiche, owners: dict[str, str]) -> str | None:
    codes = [entry.code for entry in fiche.blocks]
    if len(set(codes)) != len(codes):
        return "the same block code appears twice in the fiche"
    for code in codes:
        owner = owners.get(code)
        if owner is not None and owner != fiche.rncp_code:
            return f"block {code} already belongs to title {owner}"
    return None
