"""Benchmark: register import, fiches per second, beside raw iterparse over the same file.

    PYTHONPATH=. python bench/bench_rncp_import.py [FICHES]

Three rates from one generated extract: raw `iterparse` (baseline: the XML reading
alone), our parser (`read_fiches`: dataclasses, competences), and the full import
into a fresh SQLite database (upsert by code), then a second import (all unchanged).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from xml.etree.ElementTree import iterparse


def rate(label: str, count: int, seconds: float, baseline: float | None = None) -> float:
    per_second = count / seconds
    ratio = f"  ({per_second / baseline:.2f}× baseline)" if baseline else ""
    print(f"{label:<34} {per_second:>10,.0f} fiches/s{ratio}")
    return per_second


def main(count: int) -> None:
    from tests.catalog.register_samples import write_generated_register
    from vae import create_app
    from vae.catalog.rncp_import import import_register_file
    from vae.catalog.rncp_xml import read_fiches
    from vae.extensions import db

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "register.xml"
        write_generated_register(path, count)
        print(f"{count} fiches, {path.stat().st_size / 1e6:.1f} MB")

        start = time.perf_counter()
        with path.open("rb") as stream:
            for _event, element in iterparse(stream):
                if element.tag == "FICHE":
                    element.clear()
        baseline = rate("raw iterparse (baseline)", count, time.perf_counter() - start)

        start = time.perf_counter()
        with path.open("rb") as stream:
            parsed = sum(1 for _ in read_fiches(stream))
        rate("parse (read_fiches)", parsed, time.perf_counter() - start, baseline)

        app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp}/bench.sqlite3", INSTANCE_DIR=tmp)
        with app.app_context():
            db.create_all()
            for label in ("import into SQLite (all created)", "second import (all unchanged)"):
                start = time.perf_counter()
                report = import_register_file(path)
                db.session.commit()
                rate(label, report.read, time.perf_counter() - start, baseline)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
