from __future__ import annotations

import pytest

from tests.catalog.register_samples import register_xml


@pytest.fixture
def register_file(tmp_path):
    """Write a register extract made of the given fiches; returns its path."""
    counter = iter(range(1000))

    def write(*fiches: str, raw: bytes | None = None):
        path = tmp_path / f"register{next(counter)}.xml"
        path.write_bytes(raw if raw is not None else register_xml(*fiches))
        return path

    return write
