"""Readings carried from one sampled frame of a video to the next.

A clip's text mostly stays put: a title card, a terminal in a screen recording, a sign behind
someone talking. Before a box of a frame's text plan is read, it is compared with the boxes
read on the last few sampled frames: where one of them covers it (boxes jitter by a few pixels
from frame to frame) and no pixel inside it changed strongly since (a typed character changes
dozens; compression noise changes none by that much), the words read there are carried over
instead of reading again. Used for the frames of one clip only, then dropped.

Each read is kept with the way it was read (``way``: the fast or thorough reading, or a second
look such as the watermark pass's contrast-stretched views), and only a read made the same way
is carried: words read from a transformed view are not the words of the plain one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from vmscreen.analyses.ocr.base import OcrEngine, Word
from vmscreen.media import Frame
from vmscreen.models import ModelRef, models_used, note_use

FRAMES_KEPT = 2  # the boxes read on this many of the latest frames are remembered
STRONG = 48  # grey levels: a pixel changed by more than this has really changed
CHANGED_SHARE = 0.0002  # more strongly changed pixels than this share: read again
SLACK = 0.04  # a new box may reach this share of its size past the box read before

Rect = tuple[float, float, float, float]


Way = bool | str  # the reading's thorough flag, or the name of another way of reading


@dataclass(frozen=True)
class _Read:
    way: Way
    box: Rect  # full-resolution pixels
    grey: np.ndarray  # the grey view of the frame it was read on
    words: tuple[Word, ...]
    models: frozenset[ModelRef]


def _cut(grey: np.ndarray, box: Rect, scale: float) -> np.ndarray:
    x0, y0, x1, y1 = (round(v * scale) for v in box)
    return grey[max(0, y0):max(0, y1), max(0, x0):max(0, x1)]


def _covers(outer: Rect, inner: Rect) -> bool:
    slack_x = SLACK * (inner[2] - inner[0])
    slack_y = SLACK * (inner[3] - inner[1])
    return (inner[0] >= outer[0] - slack_x and inner[1] >= outer[1] - slack_y
            and inner[2] <= outer[2] + slack_x and inner[3] <= outer[3] + slack_y)


class CarriedReadings:
    """An OcrEngine for one clip's frames: it reads through ``engine``, and remembers what it
    read where, so the pipeline can carry unchanged boxes over (``carried``/``keep``)."""

    def __init__(self, engine: OcrEngine) -> None:
        self.engine = engine
        self.name = engine.name
        self.has_thorough_mode = engine.has_thorough_mode
        self._lock = threading.Lock()
        self._reads: list[_Read] = []
        self.reused = 0  # boxes answered from an earlier frame

    @property
    def version(self) -> str:
        return self.engine.version

    def read(self, image: np.ndarray, thorough: bool = False,
             reread_from: float = 0.0) -> list[Word]:
        return self.engine.read(image, thorough=thorough, reread_from=reread_from)

    def carried(self, frame: Frame, grey: np.ndarray, box: Rect,
                way: Way) -> list[Word] | None:
        """The words read before in ``box`` if its pixels in ``grey`` (a grey view of
        ``frame``) have not changed since; None if it must be read."""
        scale = grey.shape[1] / frame.width
        now = _cut(grey, box, scale).astype(np.int16)
        if now.size == 0:
            return None
        with self._lock:
            reads = list(self._reads)
        for read in reads:
            if (read.way != way or read.grey.shape != grey.shape
                    or not _covers(read.box, box)):
                continue
            before = _cut(read.grey, box, scale)
            if float((np.abs(now - before) > STRONG).mean()) > CHANGED_SHARE:
                continue
            with self._lock:
                self.reused += 1
            note_use(*read.models)
            return [w for w in read.words if box[0] <= w.centre[0] <= box[2]
                    and box[1] <= w.centre[1] <= box[3]]
        return None

    def keep(self, frame: Frame, grey: np.ndarray, box: Rect, way: Way,
             read: list[Word], models: frozenset[ModelRef]) -> None:
        """Remember what was read in ``box`` of ``frame`` (words in full-resolution pixels)."""
        with self._lock:
            self._reads.insert(0, _Read(way, box, grey, tuple(read), models))
            views: list[int] = []
            for kept in self._reads:  # the reads of the latest frames only
                if id(kept.grey) not in views:
                    views.append(id(kept.grey))
            recent = set(views[:FRAMES_KEPT])
            self._reads = [r for r in self._reads if id(r.grey) in recent]


def read_carrying(carry: CarriedReadings, frame: Frame, grey: np.ndarray, box: Rect,
                  way: Way, read: Callable[[], list[Word]]) -> list[Word]:
    """``read()`` the box unless ``carry`` has its words, read the same way, from an
    unchanged earlier frame."""
    words = carry.carried(frame, grey, box, way)
    if words is not None:
        return words
    with models_used() as ran:
        words = read()
    note_use(*ran)
    carry.keep(frame, grey, box, way, words, frozenset(ran))
    return words
