"""Benchmark: register import, fiches per second, beside raw iterparse over the same file.

    PYTHONPATH=. python bench/bench_rncp_import.py [FICHES] [--sqlite-only] [--no-memory] [--create-all]
    # FICHES: default 20,000, the whole register
    # --create-all: tables only (no migration), the schema this bench used before session 5

The extract has the real export's shape (tests/catalog/real_register.py): about 3.4 blocks
of 7 competences per fiche in the list shapes of FORMAT.md, SI_JURY_*, nested version
links and CORRESPONDANCES (across versions and titles, some outside the file), RS fiches.
Each line gives the rate and the time taken as a multiple of iterparse alone (the goal for
the import is at most 2×). The floor line is what no import can beat in this language: the
same iterparse, plus writing the fiche's title, blocks and competence items into three bare
SQLite tables with executemany, and nothing else.

Rates from one generated extract: raw `iterparse` (baseline: the XML reading alone),
our parser (`read_fiches`: dataclasses, competences, digests), the reader again with every
fingerprint known (nothing parsed), then the full import
into a fresh SQLite database migrated as in production (all created; the full-text objects of
migration 0005_fts and their upkeep included), a second import (all unchanged) and, when
the PostgreSQL server binaries are installed, the same two imports into a throwaway
PostgreSQL cluster. Last, the traced peak memory of a first import of 2,000 fiches vs the
whole extract (it should not grow with the file).
"""
from __future__ import annotations

import itertools
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from xml.etree.ElementTree import iterparse


PARSE_RATE: list[float] = []  # our parser's rate, once measured: the second ratio


def rate(label: str, count: int, seconds: float, baseline: float | None = None) -> float:
    per_second = count / seconds
    ratio = f"  ({baseline / per_second:.1f}× the time of iterparse alone" if baseline else ""
    if baseline and PARSE_RATE:
        ratio += f", {PARSE_RATE[0] / per_second:.1f}× our parse"
    ratio += ")" if baseline else ""
    print(f"{label:<40} {per_second:>10,.0f} fiches/s{ratio}", flush=True)
    return per_second


def raw_iterparse_seconds(path: Path) -> float:
    start = time.perf_counter()
    with path.open("rb") as stream:
        for _event, element in iterparse(stream):
            if element.tag == "FICHE":
                element.clear()
    return time.perf_counter() - start


_ITEM = re.compile(r"<li>|&lt;li&gt;|\n|\s{3,}")  # the register flattens its lists with runs of spaces


def bare_write_seconds(path: Path, tmp: str) -> tuple[float, int]:
    """The floor of any import: iterparse, then each fiche's title, blocks and competence items
    (its list cut at every `<li>`, line or run of spaces, no other work) written by executemany into three
    bare SQLite tables (no index but the keys, no full-text), 500 fiches a batch, one commit."""
    import sqlite3

    connection = sqlite3.connect(Path(tmp) / "floor.sqlite3")
    connection.executescript("""CREATE TABLE title (id INTEGER PRIMARY KEY, code TEXT, label TEXT);
                                CREATE TABLE block (id INTEGER PRIMARY KEY, title_id INT, code TEXT, label TEXT);
                                CREATE TABLE competence (id INTEGER PRIMARY KEY, block_id INT, label TEXT);""")
    titles, blocks, competences, written = [], [], [], 0
    block_ids = itertools.count(1)  # unique across batches (a batch's list is emptied when written)
    start = time.perf_counter()
    with path.open("rb") as stream:
        for _event, element in iterparse(stream):
            if element.tag != "FICHE":
                continue
            title_id = len(titles) + written + 1
            titles.append((title_id, element.findtext("NUMERO_FICHE"), element.findtext("INTITULE")))
            for block in element.iter("BLOC_COMPETENCES"):
                block_id = next(block_ids)
                blocks.append((block_id, title_id, block.findtext("CODE"), block.findtext("LIBELLE")))
                items = _ITEM.split(block.findtext("LISTE_COMPETENCES") or "")
                competences.extend((block_id, item) for item in items if item.strip())
            element.clear()
            if len(titles) == 500:
                written += _write_bare(connection, titles, blocks, competences)
    written += _write_bare(connection, titles, blocks, competences)
    connection.commit()
    seconds = time.perf_counter() - start
    count = connection.execute("SELECT count(*) FROM competence").fetchone()[0]
    connection.close()
    return seconds, count


def _write_bare(connection, titles: list, blocks: list, competences: list) -> int:
    connection.executemany("INSERT INTO title VALUES (?, ?, ?)", titles)
    connection.executemany("INSERT INTO block VALUES (?, ?, ?, ?)", blocks)
    connection.executemany("INSERT INTO competence (block_id, label) VALUES (?, ?)", competences)
    done = len(titles)
    titles.clear(), blocks.clear(), competences.clear()
    return done


def build_schema() -> None:
    """The schema production imports into: every migration (the full-text table, triggers and
    GIN indexes exist only there), unless --create-all asks for the models' tables alone."""
    if "--create-all" in sys.argv:
        from vae.extensions import db

        db.create_all()
        return
    from flask_migrate import upgrade

    upgrade()


def import_twice(database_url: str, backend: str, path: Path, tmp: str, baseline: float) -> None:
    from vae import create_app
    from vae.catalog.rncp_import import import_register_file, known_fingerprints
    from vae.extensions import db

    app = create_app("test", SQLALCHEMY_DATABASE_URI=database_url, INSTANCE_DIR=tmp)
    with app.app_context():
        build_schema()
        # Mapper configuration and the first statements happen once per process, not per
        # import (a command or a job pays them at start-up): out of the timed import.
        known_fingerprints()
        for label in (f"import into {backend} (all created)", f"second import into {backend} (unchanged)"):
            start = time.perf_counter()
            report = import_register_file(path)
            db.session.commit()
            rate(label, report.read, time.perf_counter() - start, baseline)
            if report.created:
                print(f"{'':<40} {report.competences:,} competences, {report.links:,} links, "
                      f"{report.equivalences_proposed:,} equivalences proposed, {report.skipped_count} skipped")
        db.session.remove()
        db.engine.dispose()


def peak_memory_line(tmp: str, path: Path, count: int, small_count: int = 2_000) -> None:
    """Traced peak of a first import into a fresh SQLite database, `small_count` fiches vs
    `count`: flat means the import streams (batches written and dropped), whatever the size."""
    from tests.catalog.real_register import write_real_shape_register
    from vae import create_app
    from vae.catalog.rncp_import import import_register_file
    from vae.extensions import db

    small = Path(tmp) / "register-small.xml"
    write_real_shape_register(small, small_count)
    peaks = []
    for name, extract in (("small", small), ("large", path)):
        app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp}/memory-{name}.sqlite3", INSTANCE_DIR=tmp)
        with app.app_context():
            build_schema()
            tracemalloc.start()
            import_register_file(extract)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
            db.session.rollback()
            db.session.remove()
            db.engine.dispose()
    print(f"{'peak memory, first import (tracemalloc)':<40} {peaks[0] / 1e6:.1f} MB at {small_count:,} fiches, "
          f"{peaks[1] / 1e6:.1f} MB at {count:,} ({peaks[1] / peaks[0]:.2f}×)", flush=True)


def main(count: int) -> None:
    from tests.catalog.real_register import write_real_shape_register
    from tests.support import postgres
    from vae.catalog.rncp_xml import Unchanged, read_fiches

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "register.xml"
        write_real_shape_register(path, count)
        print(f"{count} fiches, {path.stat().st_size / 1e6:.1f} MB")

        # Best of three: on a shared machine one slow pass would flatter every ratio below.
        baseline = rate("raw iterparse (baseline, best of 3)", count, min(raw_iterparse_seconds(path) for _ in range(3)))

        start = time.perf_counter()
        with path.open("rb") as stream:
            known = {item.rncp_code: item.digest for item in read_fiches(stream) if hasattr(item, "digest")}
        PARSE_RATE.append(rate("parse and fingerprint (read_fiches)", len(known), time.perf_counter() - start, baseline))
        # The reader alone on a re-import: every fingerprint known, no fiche parsed.
        start = time.perf_counter()
        with path.open("rb") as stream:
            unchanged = sum(1 for item in read_fiches(stream, known) if isinstance(item, Unchanged))
        rate("read_fiches, every fiche known", unchanged, time.perf_counter() - start, baseline)
        del known
        seconds, competences = bare_write_seconds(path, tmp)
        rate("floor: iterparse + bare inserts", count, seconds, baseline)
        print(f"{'':<40} {competences:,} competence rows, cut by one regular expression (the import: see below)", flush=True)

        import_twice(f"sqlite:///{tmp}/bench.sqlite3", "SQLite", path, tmp, baseline)
        if "--no-memory" not in sys.argv:
            peak_memory_line(tmp, path, count)
        if "--sqlite-only" in sys.argv:
            return
        reason = postgres.unavailable_reason()
        if reason:
            print(f"PostgreSQL skipped: {reason}")
            return
        with postgres.ThrowawayPostgres("vae_bench") as cluster:
            import_twice(cluster.url, "PostgreSQL", path, tmp, baseline)


if __name__ == "__main__":
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    main(int(numbers[0]) if numbers else 20_000)
