"""The memo every set of shared analyses is built on (a frame's, an audio track's): each
analysis computed at most once, by whichever detector asks first.

The first caller computes an analysis under that analysis's own lock, the others wait for it
or find it done, and a detector needing none of it never waits. Each entry keeps the models
that actually ran for it (its dependencies' included), so a detector's run records exactly the
models behind its findings. A deterministic failure is kept and raised to every later caller;
work abandoned because its run was cancelled is not kept, so the next caller starts it again
under its own budget.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from vmscreen.analyses.cancel import Cancelled
from vmscreen.models import ModelRef, models_used, note_use

T = TypeVar("T")


@dataclass
class AnalysisUsage:
    """What the work in progress read of the shared analyses: their names (dependencies
    included) and the seconds it spent computing those it was first to ask for."""

    names: set[str] = field(default_factory=set)
    seconds: float = 0.0


# The usage record of the work in progress in this thread (None: nobody is counting).
_USAGE: ContextVar[AnalysisUsage | None] = ContextVar("vmscreen_analysis_usage", default=None)


@contextmanager
def analysis_usage() -> Iterator[AnalysisUsage]:
    """Record which analyses the code inside the block reads, and its time computing them."""
    usage = AnalysisUsage()
    token = _USAGE.set(usage)
    try:
        yield usage
    finally:
        _USAGE.reset(token)


@dataclass(frozen=True)
class _Entry:
    value: Any
    models: frozenset[ModelRef]
    needs: frozenset[str]  # the analyses it read itself
    ms: float  # its own time, its dependencies' not included
    error: Exception | None = None


class SharedAnalyses:
    """Memoised analyses of one subject; subclasses add the typed methods detectors call."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._entries: dict[str, _Entry] = {}

    def _get(self, key: str, compute: Callable[[], T]) -> T:
        caller = _USAGE.get()
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            entry = self._entries.get(key)
            if entry is None:
                start = time.perf_counter()
                with models_used() as ran, analysis_usage() as inner:
                    try:
                        value, error = compute(), None
                    except Cancelled:
                        raise
                    except Exception as exc:  # noqa: BLE001 - kept, and raised to every caller
                        value, error = None, exc
                elapsed = time.perf_counter() - start
                entry = _Entry(value, frozenset(ran), frozenset(inner.names),
                               (elapsed - inner.seconds) * 1000, error)
                with self._guard:
                    self._entries[key] = entry
                if caller is not None:
                    caller.seconds += elapsed
        note_use(*entry.models)  # the caller's run depends on these models too
        if caller is not None:
            caller.names |= {key, *entry.needs}
        if entry.error is not None:
            raise entry.error
        return entry.value  # type: ignore[no-any-return]

    def timings(self) -> dict[str, float]:
        """Each analysis computed so far and its own time in milliseconds."""
        with self._guard:
            return {key: entry.ms for key, entry in self._entries.items()}
