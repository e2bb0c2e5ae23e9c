"""The register is read in a thread ahead of the writer: same items, same order, same errors."""
from __future__ import annotations

import threading
from contextlib import closing

import pytest

from vae.catalog.read_ahead import read_ahead


def reader_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "register-reader"]


def test_every_item_comes_once_in_the_readers_order():
    assert list(read_ahead(iter(range(1_005)), chunk=100, ahead=2)) == list(range(1_005))
    assert list(read_ahead(iter([]))) == []
    assert reader_threads() == []


def test_an_error_of_the_reader_comes_after_the_items_read_before_it():
    def cut_short():
        yield from range(250)
        raise ValueError("file cut short")

    received = []
    with pytest.raises(ValueError, match="cut short"):
        for item in read_ahead(cut_short(), chunk=100):
            received.append(item)
    assert received == list(range(250))
    assert reader_threads() == []


def test_a_writer_that_stops_stops_the_reader_before_the_file_is_closed():
    read = []

    def endless():
        number = 0
        while True:
            read.append(number)
            yield number
            number += 1

    with closing(read_ahead(endless(), chunk=10, ahead=2)) as items:
        assert next(items) == 0
    assert reader_threads() == []  # stopped and joined, not left reading a closed stream
    assert len(read) <= 10 * 4  # it was never more than a few chunks ahead
