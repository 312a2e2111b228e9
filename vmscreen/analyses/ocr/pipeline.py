"""One OCR pass per frame, shared by every detector that reads text.

1. The text-presence step looks at a grey view (1024 px, or 2048 for frames over 2048 px, where
   a card's small print is only a few pixels high at 1024) and finds regions that could hold text.
   No region: no OCR at all. A thumbnail (long side from THUMBNAIL_SIDES[0] up to
   THUMBNAIL_SIDES[1]) is looked at
   enlarged to 1024 px, and where it holds text it is read whole, enlarged as in step 2.
2. Each region is cut from the smallest decoded view that shows its text at a readable size (the
   region's long side near READ_SIDE pixels, never past full resolution), and the engine reads
   only that crop: PP-OCR detects lines in it and recognises only the lines it detected. A crop
   whose small print is under DETECT_TEXT_HEIGHT pixels is enlarged for the detector until it is
   not; one with large print is read as it is, which costs a fraction of an enlarged crop.
3. Words come back in the frame's full-resolution pixels and are grouped into lines.
The plan of step 1 is made once per frame and serves the fast reading; the thorough reading
reads only strips of it around the numbers the fast one shows (``number_strips``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from vmscreen.analyses.cancel import checkpoint
from vmscreen.analyses.ocr.base import OcrEngine, Word
from vmscreen.analyses.ocr.carried import CarriedReadings, read_carrying
from vmscreen.analyses.ocr.lines import Line, group_lines
from vmscreen.analyses.ocr.presence import text_regions
from vmscreen.media import Frame
from vmscreen.rules.id_numbers import NUMBER_CUE

READ_SIDE = 1280  # long side of a region handed to the engine
MIN_READ_SIDE, MAX_ENLARGE = 960, 3.0  # crops are enlarged up to this side, and three times
DETECT_TEXT_HEIGHT = 24.0  # pixels: print this high is found without enlarging its crop
MAX_REGIONS = 8  # beyond this the regions are merged into one read of the whole frame
WHOLE_FRAME_SHARE = 0.45  # regions covering more than this: read the whole frame once
# A frame whose long side lies in this range is a thumbnail: an ID card 250-400 px wide, its
# print a few pixels high. A smaller picture holds no print a recogniser could read, enlarged
# or not, and is looked at as it is.
THUMBNAIL_SIDES = (200, 512)
# The thorough reading reads a number's line and this many of its heights above and below it,
# across the planned box that holds it: an embossed number the fast reading read in pieces,
# a group of it it missed, the lines of an MRZ around the one whose filler it read.
NUMBER_STRIP_PAD = 1.5

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class TextPlan:
    """Where a frame's text is to be read: how many regions the presence step found, and the
    full-resolution boxes to read with the height of their small print (None: unknown)."""

    regions: int
    boxes: tuple[tuple[Rect, float | None], ...]


@dataclass(frozen=True)
class Reading:
    """Everything OCR found in one frame, in full-resolution pixels."""

    engine: str
    words: tuple[Word, ...]
    lines: tuple[Line, ...]
    regions: int  # text regions the presence step found (0: OCR did not run)


def gate_side(frame: Frame) -> int:
    """The grey view a clip's carried readings compare frames in."""
    return 1024 if max(frame.width, frame.height) <= 2048 else 2048


def _view_side(frame: Frame, region_long_side_full: float) -> int | None:
    """The smallest view size that shows the region at READ_SIDE or more."""
    full_side = max(frame.width, frame.height)
    wanted = full_side * READ_SIDE / max(region_long_side_full, 1.0)
    for side in (1024, 2048):
        if side >= wanted and side < full_side:
            return side
    return None


def _read_box(frame: Frame, engine: OcrEngine, box: Rect, text_height: float | None,
              thorough: bool) -> list[Word]:
    """Read one full-resolution box (x0, y0, x1, y1) from a suitable view; ``text_height`` is
    the height of its small print in full-resolution pixels (None: unknown)."""
    x0, y0, x1, y1 = box
    side = _view_side(frame, max(x1 - x0, y1 - y0))
    view = frame.array(side)
    factor = view.shape[1] / frame.width
    cx0, cy0 = max(0, int(x0 * factor)), max(0, int(y0 * factor))
    cx1, cy1 = min(view.shape[1], int(x1 * factor) + 1), min(view.shape[0], int(y1 * factor) + 1)
    if cx1 - cx0 < 8 or cy1 - cy0 < 8:
        return []
    crop = np.ascontiguousarray(view[cy0:cy1, cx0:cx1])
    # Small print at full resolution (a card far from the lens): enlarge it for the detector,
    # which loses text under about 8 px. Print already large enough is not enlarged: the
    # detector's time grows with the area it is given.
    enlarge = min(MAX_ENLARGE, MIN_READ_SIDE / max(crop.shape[:2]))
    if text_height is not None:
        enlarge = min(enlarge, DETECT_TEXT_HEIGHT / max(text_height * factor, 1.0))
    if enlarge > 1.05:
        crop = cv2.resize(crop, None, fx=enlarge, fy=enlarge, interpolation=cv2.INTER_CUBIC)
    else:
        enlarge = 1.0
    scale = 1 / (factor * enlarge)
    return [word.moved(scale, cx0 / factor, cy0 / factor)
            for word in engine.read(crop, thorough=thorough)]


def _padded(box: Rect) -> Rect:
    """The presence step finds the densest rows; the rest of a document's text lies around them."""
    pad = 0.3 * max(box[2] - box[0], box[3] - box[1]) + 16
    return box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad


def rects_overlap(box: Rect, other: Rect) -> bool:
    """Whether two boxes share some area (touching edges do not)."""
    return box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]


def merged_boxes(boxes: list[tuple[Rect, float | None]]) -> list[tuple[Rect, float | None]]:
    """Overlapping boxes joined, so no text is read twice (twice-read lines would also break
    the MRZ's line order); a joined box keeps the smaller of their text heights (None:
    unknown, which a known height replaces)."""
    merged: list[tuple[Rect, float | None]] = []
    for box, text_height in boxes:
        while True:
            overlap = next((m for m in merged if rects_overlap(box, m[0])), None)
            if overlap is None:
                break
            merged.remove(overlap)
            (ox0, oy0, ox1, oy1), other_height = overlap
            box = (min(box[0], ox0), min(box[1], oy0), max(box[2], ox1), max(box[3], oy1))
            heights = [h for h in (text_height, other_height) if h is not None]
            text_height = min(heights) if heights else None
        merged.append((box, text_height))
    return merged


def _thumbnail(frame: Frame) -> bool:
    return THUMBNAIL_SIDES[0] <= max(frame.width, frame.height) < THUMBNAIL_SIDES[1]


def _presence_view(frame: Frame) -> np.ndarray:
    """The grey view the presence step looks at. A thumbnail's print (6-9 px) is under the
    strokes and the row closing that step is sized for on its 1024 px view, and whole rows of
    it were missed or cut short: the thumbnail is looked at enlarged towards that size, at
    most three times, as crops are."""
    grey = frame.grey(gate_side(frame))
    if not _thumbnail(frame):
        return grey
    enlarge = min(MAX_ENLARGE, gate_side(frame) / max(grey.shape))
    return cv2.resize(grey, None, fx=enlarge, fy=enlarge, interpolation=cv2.INTER_CUBIC)


def plan_text(frame: Frame) -> TextPlan:
    """The presence step: where the frame's text could be, as boxes to read."""
    grey = _presence_view(frame)
    regions = text_regions(grey)
    if not regions:
        return TextPlan(0, ())
    factor = frame.width / grey.shape[1]
    if _thumbnail(frame):
        # A thumbnail is read whole (a region's box, padded at this scale, cut MRZ lines short),
        # enlarged to MIN_READ_SIDE, at most three times (_read_box): 6-9 px print reaches
        # 14-27 px, the detector's working height, and the recogniser's 48 px line crops come
        # from three times the pixels. Its print height is not asked: the presence step
        # measures rows of a few pixels too coarsely to trust for the enlargement.
        return TextPlan(len(regions),
                        (((0.0, 0.0, float(frame.width), float(frame.height)), None),))
    covered = sum(r.width * r.height for r in regions) / grey.size
    if len(regions) > MAX_REGIONS or covered > WHOLE_FRAME_SHARE:
        return TextPlan(len(regions),
                        (((0.0, 0.0, float(frame.width), float(frame.height)), None),))
    limit = (frame.width, frame.height)
    return TextPlan(len(regions), tuple(merged_boxes([(_padded(region.scaled(factor, limit)),
                                                  region.text_height * factor)
                                                 for region in regions])))


def number_strips(plan: TextPlan, lines: Sequence[Line]) -> TextPlan:
    """Where the thorough reading reads: strips of the plan's boxes around the lines of
    ``lines`` (the fast reading's) that show six digits or an MRZ's filler (NUMBER_CUE), each
    strip as wide as the planned box holding the line, overlapping strips joined. The rest of
    the frame's text is the fast reading's: on a screenshot or a document page, reading all of
    it again took seconds for one number."""
    strips: list[tuple[Rect, float | None]] = []
    for line in lines:
        holder = box_holding(line, plan) if NUMBER_CUE.search(line.text) else None
        if holder is None:
            continue
        (x0, y0, x1, y1), height = holder
        pad, box = NUMBER_STRIP_PAD * line.height, line.box
        strips.append(((x0, max(y0, box.y0 - pad), x1, min(y1, box.y1 + pad)), height))
    return TextPlan(plan.regions, tuple(merged_boxes(strips)))


def box_holding(line: Line, plan: TextPlan) -> tuple[Rect, float | None] | None:
    """The first of the plan's boxes (and its text height) that holds the line's centre."""
    box = line.box
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    return next(((planned, height) for planned, height in plan.boxes
                 if planned[0] <= cx <= planned[2] and planned[1] <= cy <= planned[3]), None)


def read_area(frame: Frame, engine: OcrEngine, box: Rect,
              text_height: float | None = None) -> tuple[Line, ...]:
    """The lines in one full-resolution box, read whatever the presence step thinks of it:
    for an analysis that knows where text is to be looked for (a letterboxed frame's subtitle
    band, where a single line of text is too little for the presence step). ``text_height``:
    the smallest print expected there, in full-resolution pixels (None: unknown)."""
    checkpoint()
    return tuple(group_lines(_read_box(frame, engine, box, text_height, False)))


def read_frame(frame: Frame, engine: OcrEngine, plan: TextPlan,
               thorough: bool = False) -> Reading:
    """OCR of the frame's planned boxes, the engine's fast reading unless ``thorough``."""
    words: list[Word] = []
    for box, text_height in plan.boxes:
        checkpoint()
        if isinstance(engine, CarriedReadings):  # a video's frame: unchanged text is not reread
            words.extend(read_carrying(
                engine, frame, frame.grey(gate_side(frame)), box, thorough,
                lambda box=box, height=text_height: _read_box(frame, engine, box, height,
                                                              thorough)))
        else:
            words.extend(_read_box(frame, engine, box, text_height, thorough))
    return Reading(engine.name, tuple(words), tuple(group_lines(words)), plan.regions)
