"""The cues of a film or broadcast frame, as pure geometry and wording, and how they combine.

A frame of someone else's film or programme shows it in how it is framed and what is burned
into it: black bars that leave a cinema-shaped picture, subtitles centred low in the picture,
credits (centred lines naming roles, on black), a channel's or streaming service's mark that
stays put while the scenes change. Each cue alone has an innocent reading (a panorama cropped
onto black, a caption added to a holiday photo, a title card of a home video), so one weak cue
is not reported; two together, or one strong cue, are.

Everything here takes numbers and text: the pixels are measured in ``vmscreen.analyses.framing``
and ``vmscreen.analyses.marks``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Picture shapes films and programmes are framed in (width / height): the flat and scope
# cinema ratios, Univisium, and 16:9 inside a 4:3 frame (a widescreen DVD or broadcast).
CINEMA_RATIOS = (1.78, 1.85, 2.0, 2.2, 2.35, 2.39)
# Pillarboxed pictures: 4:3 and Academy 1.37 inside a wide frame.
PILLAR_RATIOS = (1.33, 1.37)
RATIO_TOLERANCE = 0.04  # relative: encoders round bars to even or 8-pixel rows
MIN_BAR_SHARE = 0.04  # of the frame's height (width): thinner dark rows are a border, not bars
MAX_BAR_IMBALANCE = 0.3  # bars are centred: the smaller is at least 70% of the larger

# What each cue weighs, combined as independent chances (1 - product of (1 - weight)).
WEIGHTS = {
    "letterbox": 0.35,  # alone: a panorama or a cropped photo on black
    "pillarbox": 0.3,   # alone: an old photo or a 4:3 phone picture in a 16:9 canvas
    "subtitles": 0.35,  # alone: a caption a contributor added
    "corner-logo": 0.6,  # a mark that stays while the scenes change: a channel's, a service's
    "credits": 0.6,     # centred role lines on black: a film's titles
}
REPORT = 0.5  # a frame is reported from this combined score (two weak cues, or a strong one)
CREDITS_EXTRA = 0.1  # per role phrase beyond the two credits need, up to CREDITS_MAX
CREDITS_MAX = 0.85


@dataclass(frozen=True)
class Rect:
    """A box in frame pixels (x0, y0 top-left; x1, y1 exclusive)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2


def _near_ratio(ratio: float, ratios: Sequence[float]) -> float | None:
    best = min(ratios, key=lambda r: abs(ratio - r) / r)
    return best if abs(ratio - best) / best <= RATIO_TOLERANCE else None


def _balanced(first: int, second: int, side: int) -> bool:
    small, large = sorted((first, second))
    return small >= MIN_BAR_SHARE * side and small >= (1 - MAX_BAR_IMBALANCE) * large


def letterbox_ratio(width: int, height: int, top: int, bottom: int) -> float | None:
    """The cinema ratio of the picture left between a ``top`` and ``bottom`` bar (rows), if
    the bars are balanced and what is left has one; None otherwise."""
    if not _balanced(top, bottom, height) or height - top - bottom <= 0:
        return None
    return _near_ratio(width / (height - top - bottom), CINEMA_RATIOS)


def pillarbox_ratio(width: int, height: int, left: int, right: int) -> float | None:
    """The 4:3 or Academy ratio of the picture between a ``left`` and ``right`` bar in a wide
    frame, if the bars are balanced; None otherwise (a portrait phone picture in a landscape
    canvas is not a film)."""
    if width / max(height, 1) < 1.6 or not _balanced(left, right, width):
        return None
    if width - left - right <= 0:
        return None
    return _near_ratio((width - left - right) / height, PILLAR_RATIOS)


# -- subtitles ---------------------------------------------------------------------------------

SUBTITLE_ZONE = 0.25  # the line's bottom lies in this lowest share of the picture (or its bar)
CENTRE_TOLERANCE = 0.07  # of the frame width: a subtitle's centre is this near the middle
MIN_HEIGHT, MAX_HEIGHT = 0.025, 0.14  # of the picture's height: a subtitle line's OCR box
MAX_WIDTH = 0.9  # of the frame width
MIN_LETTERS = 5
MIN_WORD_LETTERS = 3  # fewer: a shape in the picture read as a letter or two, not text
MAX_LINES = 2


@dataclass(frozen=True)
class TextLine:
    """One OCR line, as the rules see it: its box, how many letters it holds, its confidence."""

    box: Rect
    letters: int
    confidence: float


def subtitle_lines(lines: Sequence[TextLine], width: int, height: int,
                   picture: Rect) -> tuple[TextLine, ...]:
    """The one or two lines placed as subtitles are: centred across the frame, low in the
    picture (or on the bar below it), of a subtitle's print size, stacked one above the other.
    Nothing when more lines sit there (a sign, a page of text is not a subtitle)."""
    zone_top = picture.y1 - SUBTITLE_ZONE * picture.height
    low = [line for line in lines if line.box.y1 > zone_top and line.box.y0 < height
           and line.letters >= MIN_WORD_LETTERS]  # not a stray mark read as a letter
    if not low or len(low) > MAX_LINES:
        return ()
    chosen = []
    for line in low:
        size = line.box.height / max(picture.height, 1.0)
        if (abs(line.box.centre_x - width / 2) <= CENTRE_TOLERANCE * width
                and MIN_HEIGHT <= size <= MAX_HEIGHT and line.box.width <= MAX_WIDTH * width
                and line.letters >= MIN_LETTERS and line.confidence >= 0.6):
            chosen.append(line)
    if len(chosen) != len(low):
        return ()
    if len(chosen) == 2:
        upper, lower = sorted(chosen, key=lambda line: line.box.y0)
        if lower.box.y0 - upper.box.y1 > 1.0 * upper.box.height:
            return ()
    return tuple(chosen)


# -- credits -----------------------------------------------------------------------------------

_ROLES = re.compile(
    r"\b(directed by|director of photography|written by|screenplay( by)?|produced by|"
    r"executive producers?|co-?producers?|producers?|starring|music by|original music|"
    r"edited by|film editor|casting( by)?|costume designer|production designer|"
    r"cinematography|based on the (novel|book)|associate producer|visual effects|"
    r"stunt coordinator|art director|sound designer|presents|a film by|in association with|"
    r"all rights reserved|pictures|studios|entertainment|©|\(c\))",
    re.IGNORECASE)
MIN_CREDIT_LINES = 3
MIN_CREDIT_ROLES = 2
CREDITS_CENTRE = 0.12  # of the frame width: each credit line's centre this near the middle
MAX_CREDITS_BACKGROUND = 60.0  # mean grey level around the text: credits run on black


def credit_roles(texts: Sequence[str]) -> int:
    """How many lines name a role or a rights holder the way credits do."""
    return sum(1 for text in texts if _ROLES.search(text))


def credits_score(lines: Sequence[TextLine], texts: Sequence[str], width: int,
                  background: float) -> float:
    """The credits cue's weight (0: none): several centred lines on a dark ``background``
    (mean grey level of the frame outside the text), naming roles. ``texts`` are the lines'
    words, in the order of ``lines``; they are only counted, never kept."""
    if background > MAX_CREDITS_BACKGROUND:
        return 0.0
    centred = [i for i, line in enumerate(lines)
               if abs(line.box.centre_x - width / 2) <= CREDITS_CENTRE * width
               and line.confidence >= 0.5]
    if len(centred) < MIN_CREDIT_LINES:
        return 0.0
    roles = credit_roles([texts[i] for i in centred])
    if roles < MIN_CREDIT_ROLES:
        return 0.0
    return min(CREDITS_MAX, WEIGHTS["credits"] + CREDITS_EXTRA * (roles - MIN_CREDIT_ROLES))


# -- combining ---------------------------------------------------------------------------------


def combined(weights: dict[str, float]) -> float:
    """The chance the frame is a film's or programme's, from its cues' weights taken as
    independent evidence."""
    missing = 1.0
    for weight in weights.values():
        missing *= 1.0 - weight
    return round(1.0 - missing, 3)
