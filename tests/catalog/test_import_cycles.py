"""What a batch of the register import leaves in reference cycles is freed with the batch.

The lookups of a batch are SQLAlchemy statements whose objects refer to each other and hold
the batch's lists of codes and ids; left to the cycle collector's thresholds they piled up
for several batches (~250 kB each), so an import's peak memory grew with the number of
batches and the flat-memory test passed or failed with the collector's timing. With the
collector's automatic passes off, the garbage left after an import must not grow with the
number of batches.
"""
from __future__ import annotations

import gc

from tests.catalog.real_register import write_real_shape_register
from vae.catalog.rncp_import import BATCH_SIZE, import_register_file


def garbage_left_by_import(db, path) -> int:
    gc.collect()
    gc.disable()
    try:
        import_register_file(path)
        return gc.collect()
    finally:
        gc.enable()
        db.session.rollback()


def test_cycles_of_a_batch_do_not_outlive_it(db, tmp_path):
    one, four = tmp_path / "one.xml", tmp_path / "four.xml"
    write_real_shape_register(one, BATCH_SIZE)  # one batch (and the empty closing one)
    write_real_shape_register(four, 4 * BATCH_SIZE)
    garbage_left_by_import(db, one)  # one-time allocations (mapper set-up, statement cache) out of the way
    after_one = garbage_left_by_import(db, one)
    after_four = garbage_left_by_import(db, four)
    assert after_four <= after_one + 10, (after_one, after_four)
