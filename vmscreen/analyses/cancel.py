"""Stopping abandoned work: a detector run past its budget is abandoned by the screener, and
the analysis it was computing stops at its next checkpoint instead of burning the CPU and
holding its lock. Checkpoints sit between the steps of long work (OCR regions, face views,
recognition batches); a model run itself is not interrupted.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# The stop signal of the run in progress in this thread (None: nothing can stop it).
_STOP: ContextVar[threading.Event | None] = ContextVar("vmscreen_stop", default=None)


class Cancelled(Exception):
    """The run this work belongs to was abandoned; its results are not kept."""


def checkpoint() -> None:
    """Raise Cancelled if the run in progress in this thread has been abandoned."""
    stop = _STOP.get()
    if stop is not None and stop.is_set():
        raise Cancelled


@contextmanager
def stoppable(stop: threading.Event) -> Iterator[None]:
    """Work inside the block stops at its next checkpoint once ``stop`` is set."""
    token = _STOP.set(stop)
    try:
        yield
    finally:
        _STOP.reset(token)
