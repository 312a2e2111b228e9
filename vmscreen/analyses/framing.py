"""Black bars around a frame's picture: letterbox (above and below) and pillarbox (either side).

A bar is a run of rows (columns) from the frame's edge that are dark and flat across the whole
width, except where a line of text is set on it (subtitles are often placed on the lower bar):
such rows are allowed inside a bar, never at its inner end. The picture must start with a sharp
step: most columns brighter just past the bar than in it. A night sky or a dark floor fades
into the picture over many rows and fails that step; so does a fade to black.

Measured on a grey view ANALYSIS_SIDE pixels wide; counts are returned in the frame's full
resolution. Whether the bars leave a cinema-shaped picture is the rule's question
(``vmscreen.rules.film_cues``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vmscreen.analyses.views import small_grey
from vmscreen.media import Frame

ANALYSIS_SIDE = 512
DARK = 40  # grey level: bar pixels are at most this bright
FLAT_SHARE = 0.985  # a plain bar row: this share of its pixels dark
TEXT_ROW_SHARE = 0.55  # a bar row carrying a line of text: still this share dark
MAX_BAR_SPREAD = 6.0  # grey levels: a bar's dark pixels vary this little (a night sky more)
STEP = 14  # grey levels: the picture's first rows exceed the bar's level by this ...
STEP_SHARE = 0.5  # ... in at least this share of the columns
MIN_PLAIN_SHARE = 0.6  # of a bar's rows, this share plain (not carrying text)


@dataclass(frozen=True)
class Framing:
    """The bars found at each side of the frame, in full-resolution pixels (0: none)."""

    width: int
    height: int
    top: int = 0
    bottom: int = 0
    left: int = 0
    right: int = 0

    @property
    def bars(self) -> bool:
        """Whether bars were found on two opposite sides."""
        return bool((self.top and self.bottom) or (self.left and self.right))

    @property
    def picture(self) -> tuple[int, int, int, int]:
        """The picture inside the bars: (x0, y0, x1, y1)."""
        return self.left, self.top, self.width - self.right, self.height - self.bottom


def _bar(lines: np.ndarray) -> int:
    """How many of ``lines`` (rows of a grey view, the frame's edge first) form a bar whose
    inner end steps sharply into the picture; 0 if none does."""
    dark = lines <= DARK
    share = dark.mean(axis=1)
    plain = share >= FLAT_SHARE
    carrying = share >= TEXT_ROW_SHARE
    extent = 0
    while extent < len(lines) and carrying[extent]:
        extent += 1
    while extent and not plain[extent - 1]:
        extent -= 1  # a bar ends with a plain row, not with text
    if extent < 2 or extent >= len(lines) - 2 or plain[:extent].mean() < MIN_PLAIN_SHARE:
        return 0
    bar = lines[:extent][plain[:extent]]
    level = float(np.median(bar))
    if float(bar[bar <= DARK].std()) > MAX_BAR_SPREAD:
        return 0
    inside = lines[extent:extent + 2].astype(np.int16).max(axis=0)
    if float((inside > level + STEP).mean()) < STEP_SHARE:
        return 0
    return extent


def find_bars(grey: np.ndarray) -> tuple[int, int, int, int]:
    """The bars of a grey view: (top, bottom, left, right) in its pixels."""
    return (_bar(grey), _bar(grey[::-1]), _bar(grey.T), _bar(grey.T[::-1]))


def frame_framing(frame: Frame) -> Framing:
    """The bars around ``frame``'s picture."""
    view = small_grey(frame, ANALYSIS_SIDE)
    top, bottom, left, right = find_bars(view)
    sy, sx = frame.height / view.shape[0], frame.width / view.shape[1]
    return Framing(frame.width, frame.height, round(top * sy), round(bottom * sy),
                   round(left * sx), round(right * sx))
