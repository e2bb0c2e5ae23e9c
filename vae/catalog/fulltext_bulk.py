"""The catalogue's full-text rows written once per import batch, not once per row (SQLite).

Migration 0005_fts keeps SQLite's FTS5 table `title_fts` in sync with triggers: each block
inserted rewrote its title's row with the whole block list recomputed, so a first import
of the register (about 3.4 blocks a title) paid several FTS5 rewrites per title. Migration
0008_ftsbulk makes those triggers stand aside while the control row `title_fts_paused` says
so. A register import sets it inside its own transaction (`fulltext_per_batch`) before its
first write, writes each batch's rows itself (`rewrite_fulltext_rows`: one DELETE and one
INSERT … SELECT), and clears it before the caller commits; if the import fails, the caller's rollback restores it with
everything else, so the triggers are never left aside in a committed state.

Competences (migration 0010_competencefts) likewise: while the import runs, the control row
`competence_fts_pending.after_id` holds the last competence id already indexed, the triggers
leave the competences above it alone, and on the way out one INSERT … SELECT indexes them
(`_index_pending_competences`), whatever their final wording.

PostgreSQL's GIN expression indexes need no trigger: nothing to do there.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from vae.extensions import db

_STATE = "vae_title_fts_per_batch"  # session info while an import runs: "armed", then "paused"

_REWRITE = [
    "DELETE FROM title_fts WHERE rowid IN (SELECT id FROM title WHERE rncp_code IN ({marks}))",
    """INSERT INTO title_fts(rowid, label, certifier_name, blocks)
       SELECT t.id, t.label, coalesce(t.certifier_name, ''),
              (SELECT coalesce(group_concat(b.label, ' '), '') FROM block b WHERE b.title_id = t.id)
       FROM title t WHERE t.rncp_code IN ({marks})""",
]


@contextmanager
def fulltext_per_batch() -> Iterator[None]:
    """Within: before its first write the import sets the triggers aside (`pause_fulltext_triggers`;
    an import that changes nothing costs no query), then `rewrite_fulltext_rows` does their work.
    On the way out without error the triggers are active again (same transaction); on an error
    nothing is touched: the transaction is unusable or about to be rolled back, and the
    rollback restores the control row with everything else."""
    db.session.info[_STATE] = "armed"
    try:
        yield
    finally:
        state = db.session.info.pop(_STATE, None)
    if state == "paused":
        db.session.connection().exec_driver_sql("UPDATE title_fts_paused SET paused = 0")
        _index_pending_competences()


def pause_fulltext_triggers() -> None:
    """Before a batch writes titles: the triggers stand aside for the rest of the import (once)."""
    if db.session.info.get(_STATE) != "armed":
        return
    db.session.info[_STATE] = "not here"  # PostgreSQL, or a database without the control row
    if _has_control_row():
        connection = db.session.connection()
        connection.exec_driver_sql("UPDATE title_fts_paused SET paused = 1")
        connection.exec_driver_sql(
            "UPDATE competence_fts_pending SET after_id = (SELECT coalesce(max(id), 0) FROM competence)")
        db.session.info[_STATE] = "paused"


def rewrite_fulltext_rows(rncp_codes: Sequence[str]) -> None:
    """Write the full-text rows of these titles from what is flushed (label, certifier, every
    block's label), replacing any row they had; nothing unless the triggers stand aside."""
    if not rncp_codes or db.session.info.get(_STATE) != "paused":
        return
    connection = db.session.connection()
    marks = ", ".join("?" * len(rncp_codes))
    for statement in _REWRITE:
        connection.exec_driver_sql(statement.format(marks=marks), tuple(rncp_codes))


def _index_pending_competences() -> None:
    """Index every competence written since the pause, as it reads now; the triggers take over again."""
    db.session.flush()  # competences still held by the session are written, then indexed
    connection = db.session.connection()
    connection.exec_driver_sql("""INSERT INTO competence_fts(rowid, label)
                                  SELECT id, label FROM competence
                                  WHERE id > (SELECT after_id FROM competence_fts_pending)""")
    connection.exec_driver_sql("UPDATE competence_fts_pending SET after_id = NULL")


def _has_control_row() -> bool:
    """SQLite migrated to 0010_competencefts (a database built by create_all has no full-text table)."""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return False
    return connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'competence_fts_pending'").first() is not None
