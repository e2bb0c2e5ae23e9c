"""Memory stays flat: the peak while importing does not grow with the size of the extract."""
from __future__ import annotations

import tracemalloc

import pytest
from sqlalchemy import func, select

from tests.catalog.real_register import write_real_shape_register
from tests.conftest import BACKEND
from vae.catalog.rncp_import import import_register_file
from vae.catalog.rncp_xml import open_register, read_fiches
from vae.models import Title


def peak_bytes(action) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def parse_all(path) -> int:
    with open_register(path) as stream:
        return sum(1 for _ in read_fiches(stream))


def test_parsing_20000_fiches_peaks_no_higher_than_2000(tmp_path):
    small, large = tmp_path / "small.xml", tmp_path / "large.xml"
    write_real_shape_register(small, 2_000)  # competence lists, versions, correspondences, RS fiches
    write_real_shape_register(large, 20_000)
    small_peak = peak_bytes(lambda: parse_all(small))
    large_peak = peak_bytes(lambda: parse_all(large))
    # Ten times the fiches; the peak stays within 20 % (plus 64 kB of noise) and under 2 MB.
    assert large_peak < small_peak * 1.2 + 64_000, (small_peak, large_peak)
    assert large_peak < 2_000_000


def import_peaks(db, tmp_path, small_count: int, large_count: int) -> tuple[int, int]:
    """Peak traced memory importing `small_count`, then (after a rollback) `large_count` new fiches
    of the real export's shape (competence lists, versions, correspondences)."""
    warm_up, small, large = tmp_path / "warm_up.xml", tmp_path / "small.xml", tmp_path / "large.xml"
    write_real_shape_register(warm_up, 50)
    write_real_shape_register(small, small_count)
    write_real_shape_register(large, large_count)
    import_register_file(warm_up)  # one-time allocations (mapper set-up, statement cache) out of the way
    db.session.rollback()
    reports = []
    small_peak = peak_bytes(lambda: reports.append(import_register_file(small)))
    db.session.rollback()
    large_peak = peak_bytes(lambda: reports.append(import_register_file(large)))
    db.session.commit()
    assert (reports[0].created, reports[1].created) == (small_count, large_count)
    assert db.session.scalar(select(func.count()).select_from(Title)) == large_count
    return small_peak, large_peak


# The import writes in batches (BATCH_SIZE fiches) and empties the session after each; it
# keeps no map of what it wrote (fingerprints, codes → ids: the database resolves them) and
# the report keeps counts: five times the fiches must not raise the peak beyond noise. Before
# session 5 the fingerprints written were kept in a dict: 7.2 MB at 2,000 fiches, 8.8 MB at
# 10,000 (+1.5 MB), which the 5 % + 128 kB margin refuses. Real-shape fiches carry ~25
# competences each; 10,000 is what the suite's time affords (the bench runs 20,000).
@pytest.mark.skipif(BACKEND == "postgresql", reason="slower on PostgreSQL here: the 10,000 run is "
                                                    "the SQLite pass's; the PostgreSQL pass runs 1,000 vs 5,000")
def test_importing_10000_fiches_into_the_database_peaks_as_2000(db, tmp_path):
    small_peak, large_peak = import_peaks(db, tmp_path, 2_000, 10_000)
    assert large_peak < small_peak * 1.05 + 128_000, (small_peak, large_peak)


@pytest.mark.postgres_only
def test_importing_into_postgresql_keeps_memory_flat(db, tmp_path):
    small_peak, large_peak = import_peaks(db, tmp_path, 1_000, 5_000)  # two batches, then ten
    assert large_peak < small_peak * 1.05 + 128_000, (small_peak, large_peak)
