"""Read the register in a thread while the batches before are written.

Much of a first import's writing happens outside Python's lock: PostgreSQL works in its
own process while psycopg waits for it, and SQLite's C code runs each statement with the
lock released. Meanwhile a reader thread can parse the next fiches (the parsing itself is
pure: `read_fiches` touches no database). The queue between them is short, so what is
read ahead stays a fraction of a batch whatever the file's size (memory stays flat).

Items come out in the reader's order; an error of the reader (a file cut short, not XML)
comes out where it happened, after the items read before it, exactly as if the reading
were done inline. If the consumer stops (a database refusal), the thread is told to stop
and is waited for before the stream is closed.
"""
from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

# Items handed over together (one queue operation per chunk, not per fiche), and chunks
# the reader may be ahead by: at most ~2 × 100 fiches waiting, against batches of 500.
CHUNK = 100
AHEAD = 2
_END = object()


def read_ahead(items: Iterable[T], chunk: int = CHUNK, ahead: int = AHEAD) -> Iterator[T]:
    """The items of `items`, produced by a thread that runs ahead of the caller."""
    handover: queue.Queue = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def hand(value) -> bool:
        """Put `value` in the queue unless the consumer has stopped; False once it has."""
        while not stop.is_set():
            try:
                handover.put(value, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        pending: list = []
        try:
            for item in items:
                pending.append(item)
                if len(pending) >= chunk:
                    if not hand(pending):
                        return
                    pending = []
            if hand(pending):
                hand(_END)
        except BaseException as error:  # handed to the consumer, raised there in order
            if hand(pending):
                hand(error)

    thread = threading.Thread(target=produce, name="register-reader", daemon=True)
    thread.start()
    try:
        while True:
            got = handover.get()
            if got is _END:
                return
            if isinstance(got, BaseException):
                raise got
            yield from got
    finally:
        stop.set()
        thread.join()
