"""A mark that stays put while a clip's scenes change: a channel's or streaming service's logo,
a burned-in timecode, a broadcaster's bug.

What a clip's camera sees changes from scene to scene; what was added on top of the picture
afterwards does not. For each sampled frame, the edges of a small grey view are compared with
those of earlier samples of the same clip that show a different scene (most of the picture
changed): edges found at the same place, with the same grey levels, in all of them were not
filmed but added. Such edges count as a mark when they gather in one part of the frame's border
(a corner, or the middle of the top or bottom edge) and hardly anywhere else: a screen
recording, whose windows and menus stay put everywhere, is not a film.

``ClipMarks`` holds one clip's views: the Screener gives each clip its own (``Engines.marks``)
and drops it with the clip; a photo has none, and so no mark.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import cv2
import numpy as np

from vmscreen.analyses.views import small_grey
from vmscreen.media import Frame

THUMB_SIDE = 256
KEPT = 8  # earlier samples remembered
EDGE = 80.0  # Sobel magnitude (3x3) of an edge: a step of about 20 grey levels
SAME = 18  # grey levels: a pixel this close to an earlier sample's is unchanged
CHANGED = 30  # grey levels: a pixel this far from it has changed ...
SCENE_CHANGED = 0.35  # ... and a new scene changes this share of the picture's pixels
MIN_SCENES = 2  # earlier samples of other scenes the mark must have been seen on
MIN_EDGES = 0.01  # a sample with fewer edge pixels (a black or faded frame) proves nothing
BORDER = 0.2  # the border zones: this share of the height at top and bottom
MARGIN = 3  # thumbnail pixels at the frame's edge ignored (encoders smear them)
LINE_SHARE = 0.35  # stable rows (columns) longer than this share are a bar's edge, not a mark
MIN_MARK = 0.004  # of a zone's pixels, stable edges of a mark
MIN_MARK_PIXELS = 10
MAX_ELSEWHERE = 0.5  # the rest of the frame holds at most this many stable edges per mark edge
# The corners (a channel's or service's logo) and the middle of the top edge (a burned-in
# timecode). Not the middle of the bottom edge: that is where people title their own clips
# (the shared tractor clip's "VP9" label).
ZONES = ("top-left", "top-centre", "top-right", "bottom-left", "bottom-right")


@dataclass(frozen=True)
class Mark:
    """A mark that stayed over at least MIN_SCENES scene changes: where (one of ZONES), its box
    in full-resolution pixels, and over how many earlier scenes it held."""

    zone: str
    box: tuple[int, int, int, int]
    scenes: int


@dataclass(frozen=True)
class _View:
    grey: np.ndarray
    edges: np.ndarray


def _view(frame: Frame) -> _View:
    grey = small_grey(frame, THUMB_SIDE)
    signal = grey.astype(np.float32)
    magnitude = np.hypot(cv2.Sobel(signal, cv2.CV_32F, 1, 0, ksize=3),
                         cv2.Sobel(signal, cv2.CV_32F, 0, 1, ksize=3))
    edges = magnitude >= EDGE
    edges[:MARGIN], edges[-MARGIN:], edges[:, :MARGIN], edges[:, -MARGIN:] = (
        False, False, False, False)
    return _View(grey.astype(np.int16), edges)


def _zones(shape: tuple[int, int]) -> dict[str, tuple[slice, slice]]:
    height, width = shape
    band = max(1, round(BORDER * height))
    thirds = (0, width // 3, 2 * width // 3, width)
    out = {}
    for row, rows in (("top", slice(0, band)), ("bottom", slice(height - band, height))):
        for index, column in enumerate(("left", "centre", "right")):
            out[f"{row}-{column}"] = (rows, slice(thirds[index], thirds[index + 1]))
    return {zone: out[zone] for zone in ZONES}


def find_mark(now: _View, earlier: list[_View]) -> tuple[str, tuple[int, int, int, int],
                                                        int] | None:
    """Where ``now`` shares a mark with the earlier views of other scenes: its zone, its box in
    the view's pixels and how many scenes it held over; None when there is none."""
    if now.edges.mean() < MIN_EDGES:
        return None
    others = [view for view in earlier if view.grey.shape == now.grey.shape
              and view.edges.mean() >= MIN_EDGES
              and float((np.abs(view.grey - now.grey) > CHANGED).mean()) >= SCENE_CHANGED]
    if len(others) < MIN_SCENES:
        return None
    stable = now.edges.copy()
    for view in others:
        stable &= view.edges & (np.abs(view.grey - now.grey) <= SAME)
    height, width = stable.shape
    stable[stable.sum(axis=1) > LINE_SHARE * width] = False
    stable[:, stable.sum(axis=0) > LINE_SHARE * height] = False
    total = int(stable.sum())
    best: tuple[str, int, tuple[int, int, int, int]] | None = None
    for zone, (rows, columns) in _zones((height, width)).items():
        patch = stable[rows, columns]
        count = int(patch.sum())
        if count < max(MIN_MARK_PIXELS, MIN_MARK * patch.size):
            continue
        if best is None or count > best[1]:
            ys, xs = np.nonzero(patch)
            box = (int(xs.min()) + columns.start, int(ys.min()) + rows.start,
                   int(xs.max()) + columns.start + 1, int(ys.max()) + rows.start + 1)
            best = (zone, count, box)
    if best is None or total - best[1] > MAX_ELSEWHERE * best[1]:
        return None
    return best[0], best[2], len(others)


class ClipMarks:
    """One clip's sampled frames, remembered as small views for ``mark``. Made per clip by the
    Screener and dropped with it; safe to call from the clip's worker threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._views: list[_View] = []

    def mark(self, frame: Frame) -> Mark | None:
        """The persistent mark ``frame`` shares with the clip's earlier samples, if any; the
        frame is remembered for the samples after it."""
        now = _view(frame)
        with self._lock:
            earlier = list(self._views)
            self._views = [now, *self._views][:KEPT]
        found = find_mark(now, earlier)
        if found is None:
            return None
        zone, (x0, y0, x1, y1), scenes = found
        sx, sy = frame.width / now.grey.shape[1], frame.height / now.grey.shape[0]
        return Mark(zone, (int(x0 * sx), int(y0 * sy), int(np.ceil(x1 * sx)),
                           int(np.ceil(y1 * sy))), scenes)
