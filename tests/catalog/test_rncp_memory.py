"""Memory stays flat: the peak while importing does not grow with the size of the extract."""
from __future__ import annotations

import tracemalloc

from sqlalchemy import func, select

from tests.catalog.register_samples import write_generated_register
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
    write_generated_register(small, 2_000)
    write_generated_register(large, 20_000)
    small_peak = peak_bytes(lambda: parse_all(small))
    large_peak = peak_bytes(lambda: parse_all(large))
    # Ten times the fiches; the peak stays within 20 % (plus 64 kB of noise) and under 2 MB.
    assert large_peak < small_peak * 1.2 + 64_000, (small_peak, large_peak)
    assert large_peak < 2_000_000


def test_importing_20000_fiches_into_the_database_peaks_near_2000(db, tmp_path):
    # The import writes in batches (BATCH_SIZE fiches) and empties the session after each:
    # ten times the fiches must not mean a higher peak than a few batches' worth.
    warm_up, small, large = tmp_path / "warm_up.xml", tmp_path / "small.xml", tmp_path / "large.xml"
    write_generated_register(warm_up, 50)
    write_generated_register(small, 2_000)
    write_generated_register(large, 20_000)
    import_register_file(warm_up)  # one-time allocations (mapper set-up, statement cache) out of the way
    db.session.rollback()
    reports = []
    small_peak = peak_bytes(lambda: reports.append(import_register_file(small)))
    db.session.rollback()
    large_peak = peak_bytes(lambda: reports.append(import_register_file(large)))
    db.session.commit()
    assert (reports[0].created, reports[1].created) == (2_000, 20_000)
    assert db.session.scalar(select(func.count()).select_from(Title)) == 20_000
    print("peaks", small_peak, large_peak)
    assert large_peak < small_peak * 1.3 + 256_000, (small_peak, large_peak)
