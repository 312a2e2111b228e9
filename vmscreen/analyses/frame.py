"""The analyses of one frame that several detectors share, each computed at most once.

A detector asks for what it needs through typed methods (``reading()``, ``faces()``,
``document()``...); the first to ask computes it under that analysis's own lock, the others
wait for it or find it done, and a detector needing none of it never waits. Each entry keeps
the models that actually ran for it (its dependencies' included), so a detector's run records
exactly the models behind its findings. A deterministic failure is kept and raised to every
later caller; work abandoned because its run was cancelled is not kept, so the next caller
starts it again under its own budget.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from vmscreen.analyses.barcodes import Barcode, read_barcodes
from vmscreen.analyses.cancel import Cancelled
from vmscreen.analyses.document import DocumentLayout, document_layout, enough_text
from vmscreen.analyses.engines import Engines
from vmscreen.analyses.faces import Face, find_faces
from vmscreen.analyses.nsfw import BodyPart, find_body_parts, rate_frame
from vmscreen.analyses.ocr import Reading, TextPlan, plan_text, read_frame
from vmscreen.analyses.people import Person, find_people
from vmscreen.media import Frame
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


class FrameAnalyses:
    """The shared analyses of one frame, built by the Screener for each frame it screens."""

    def __init__(self, frame: Frame, engines: Engines) -> None:
        self.frame = frame
        self.engines = engines
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

    # -- text -------------------------------------------------------------------------------

    def text_plan(self) -> TextPlan:
        """Where the frame's text could be (the cheap presence step)."""
        return self._get("text-plan", lambda: plan_text(self.frame))

    def reading(self, thorough: bool = False) -> Reading:
        """The frame's OCR: the engine's fast reading, or its thorough one (slower, reads
        embossed and densely set numbers whole) where it has one."""
        if thorough and self.engines.ocr.has_thorough_mode:
            return self._get("reading-thorough", lambda: read_frame(
                self.frame, self.engines.ocr, self.text_plan(), thorough=True))
        return self._get("reading", lambda: read_frame(self.frame, self.engines.ocr,
                                                       self.text_plan()))

    def barcodes(self) -> tuple[Barcode, ...]:
        return self._get("barcodes", lambda: read_barcodes(self.frame))

    # -- people -----------------------------------------------------------------------------

    def faces(self) -> tuple[Face, ...]:
        """Every face the face model finds, at its own threshold."""
        return self._get("faces", lambda: find_faces(self.frame, self.engines.faces))

    def people(self) -> tuple[Person, ...]:
        return self._get("people", lambda: find_people(self.frame, self.engines.people))

    def document(self) -> DocumentLayout | None:
        """The identity document the frame shows (a portrait beside lines of text), if any.
        It reads the text first: most frames hold too little for a document, which spares them
        the face search."""
        def compute() -> DocumentLayout | None:
            lines = self.reading().lines
            if not enough_text(lines):
                return None
            return document_layout(self.frame, lines, self.faces())

        return self._get("document", compute)

    # -- sexual content ---------------------------------------------------------------------

    def nsfw(self) -> float:
        """open_nsfw's probability that the frame is not safe for work."""
        return self._get("nsfw", lambda: rate_frame(self.frame, self.engines.nsfw))

    def body_parts(self) -> tuple[BodyPart, ...]:
        """NudeNet's boxes, before any threshold (the optional extra's model)."""
        return self._get("body-parts", lambda: find_body_parts(self.frame,
                                                               self.engines.body_parts))
