"""A second look for watermarks that the shared reading misses: a single line of text (a
credit, an address: the presence step wants two rows of print before it reads), faint,
semi-transparent marks laid over the middle of the picture, and marks on pictures too small
for the text-presence step.

A single line is found by the presence step itself, asked for regions of one row (on a
contrast-equalised view, and on a small view for marks laid large); where the shared plan
left such a line unread, it is read as the shared pass reads its regions, in a box padded so
that a tilted mark is read whole.

A light mark printed at 20-40% opacity changes the scene's brightness by a few levels: the
shared reading, tuned for print, sees a smudge. A white top-hat (the grey view minus its
opening by a disc wider than a stroke) keeps what is lighter than its surroundings and narrower
than the disc, which is what a light mark's strokes are, and drops the scene's broad shapes;
stretched to full contrast and inverted, the mark reads as dark print on white. Dark marks are
read by the shared pass, which sees dark print well.

The faint look runs only where a mark is likely and the look is cheap: frames whose presence
step found some text-like structure (a faint mark leaves some) are read in their central area
(where marks are laid), and frames under SMALL_SIDE pixels, where the presence step finds
nothing, are read whole, enlarged, as they are (unless the shared pass read them whole) and
lit. A landscape without any text costs a few milliseconds.
Where the shared reading read a page of print well (a card, a document, a screenshot), its
words are blanked in the light views first: the top-hat keeps the print too, and reading it
again was most of the second look's time on a card (on the real set's card and document
photos, a median of 375 ms of second look; 100 ms with the print blanked). What the fast
recogniser reads there with little confidence (the page's halos and guilloche) is not read
again by the small recogniser.

A mark laid large at an angle across the frame is found by the presence step in pieces, and
the box of a piece (or the plan's box, which the second look leaves to the shared pass) cuts
the line short: the engine reads a word or two of it. Where a large word comes back tilted, the
line it lies on is cut from the view as a strip along it, turned level (about the word's
centre, the view's border repeated where the strip runs past its corners), and read again; the
strip's reading replaces the pieces it covers where it reads more (a watermark's wording, or
more letters at good confidence). Level words and small print are not read again.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from vmscreen.analyses.cancel import checkpoint
from vmscreen.analyses.ocr.base import OcrEngine, Word
from vmscreen.analyses.ocr.carried import CarriedReadings, read_carrying
from vmscreen.analyses.ocr.lines import group_lines
from vmscreen.analyses.ocr.pipeline import (
    Reading,
    TextPlan,
    gate_side,
    merged_boxes,
    read_frame,
    rects_overlap,
)
from vmscreen.analyses.ocr.presence import text_regions
from vmscreen.media import Frame
from vmscreen.rules.watermark_text import classify_watermark_text

Rect = tuple[float, float, float, float]

VIEW_SIDE = 1024  # the view the central area is cut from, and single lines are found in
LARGE_SIDE = 320  # the view large marks are found in
CENTRE = (0.2, 0.3, 0.8, 0.7)  # x0, y0, x1, y1 as shares of the frame: where marks are laid
TOPHAT_DISC = 21  # pixels of the view: wider than a mark's stroke, narrower than the scene's shapes
# A small faint mark at the very centre (a marketplace's stamp): read enlarged, with a disc
# fitted to its thin strokes.
CENTRE_SMALL = (0.35, 0.42, 0.65, 0.58)
SMALL_MARK_DISC, SMALL_MARK_ENLARGE = 7, 2.0
MAX_LINES = 6  # more lone lines than this: the whole frame is read once
SMALL_SIDE = 400  # frames smaller than this are read whole, enlarged ...
SMALL_READ_SIDE = 640  # ... to this long side
TILT = 4.0  # degrees: a word read at a steeper angle lies on a tilted line, maybe read in pieces
LEVEL_TEXT_HEIGHT = 24.0  # pixels of the VIEW_SIDE view: print this high is read there as it is
LEVEL_BAND = 2.2  # the strip's height, in the tilted word's heights
MAX_LEVELLED = 2  # tilted lines read again per frame
GOOD_CONFIDENCE = 0.8  # a letter counts towards a reading's worth at this confidence
# Where the shared reading read a page of print (a card, a document, a screenshot: this many
# level words or more at the fast recogniser's own mark of a sure reading), those words are
# blanked in the light views. Their strokes are print read already, and reading them again was
# most of the second look's time on a card. A word or two read well may be pieces of the mark
# itself (a marketplace's "cho|tot", its first half read at 0.98; a tilted agency address read
# in part), which the light views read whole: then nothing is blanked.
SETTLED_CONFIDENCE = 0.9
MIN_SETTLED = 5
# On such a page the top-hat also keeps the halos and guilloche around the print, and the fast
# recogniser reads those strokes as lines under this confidence. They are not read again by
# the small recogniser: on the real set's card and document photos, 100 of the light views'
# 136 re-reads were of such lines, four fifths of the width re-read, and gave 6 readings of
# 0.8 or more, all stray characters ("國", "{", "12239").
SETTLED_REREAD_FROM = 0.5


def unplanned_lines(frame: Frame, plan: TextPlan,
                    side: int) -> tuple[tuple[Rect, float | None], ...]:
    """Boxes to read (full resolution, padded) around the lines of print the presence step
    finds alone in the view ``side``, where the shared plan reads nothing. At VIEW_SIDE the
    view is contrast-equalised, so that a faint credit line shows; at LARGE_SIDE the strokes of
    a mark laid large across the frame, too thick for print at VIEW_SIDE, are. Padded by half
    their short side, so that a tilted line is read whole."""
    limit = (frame.width, frame.height)
    found: list[tuple[Rect, float]] = []
    grey = frame.grey(side)
    if side == VIEW_SIDE:
        grey = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(grey)
    factor = frame.width / grey.shape[1]
    for region in text_regions(grey, min_bars=1):
        x0, y0, x1, y1 = region.scaled(factor, limit)
        pad = 0.5 * min(x1 - x0, y1 - y0) + 16
        box: Rect = (max(0.0, x0 - pad), max(0.0, y0 - pad),
                     min(float(frame.width), x1 + pad), min(float(frame.height), y1 + pad))
        if not any(rects_overlap(box, planned) for planned, _ in plan.boxes):
            found.append((box, region.text_height * factor))
    joined = merged_boxes(found)
    if len(joined) > MAX_LINES:
        return (((0.0, 0.0, float(frame.width), float(frame.height)), None),)
    return tuple(joined)


def _look(engine: OcrEngine, frame: Frame, box: Rect, way: str,
          read: Callable[[], list[Word]]) -> list[Word]:
    """``read()``, unless this is a clip's frame and the same look at the same unchanged box
    of an earlier sample was taken (vmscreen.analyses.ocr.carried)."""
    if isinstance(engine, CarriedReadings):
        return read_carrying(engine, frame, frame.grey(gate_side(frame)), box, way, read)
    return read()


def _read_large(engine: OcrEngine, frame: Frame, boxes: tuple[tuple[Rect, float | None], ...]
                ) -> list[Word]:
    """Large marks, read in the VIEW_SIDE view as they are: their print needs no enlarging."""
    rgb = frame.array(VIEW_SIDE)
    factor = frame.width / rgb.shape[1]
    words: list[Word] = []
    for (x0, y0, x1, y1), _ in boxes:
        cx0, cy0 = int(x0 / factor), int(y0 / factor)
        crop = np.ascontiguousarray(rgb[cy0:int(y1 / factor) + 1, cx0:int(x1 / factor) + 1])
        if min(crop.shape[:2]) >= 8:
            words += _look(engine, frame, (x0, y0, x1, y1), "overlay-large",
                           lambda crop=crop, cx0=cx0, cy0=cy0: _read(
                               engine, crop, factor, cx0 * factor, cy0 * factor))
    return words


def _light_marks(rgb: np.ndarray, disc: int) -> np.ndarray:
    """Light strokes as dark print on white (an RGB array, as engines read)."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    tophat = cv2.morphologyEx(grey, cv2.MORPH_TOPHAT,
                              cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (disc, disc)))
    stretched = cv2.normalize(tophat, None, 0, 255, cv2.NORM_MINMAX)
    return np.ascontiguousarray(np.dstack([255 - stretched] * 3))


def _read(engine: OcrEngine, image: np.ndarray, scale: float, dx: float, dy: float,
          reread_from: float = 0.0) -> list[Word]:
    checkpoint()
    return [word.moved(scale, dx, dy) for word in engine.read(image, reread_from=reread_from)]


def _reread_from(settled: tuple[Rect, ...]) -> float:
    """The fast reading's re-reading floor for a light view (``SETTLED_REREAD_FROM``)."""
    return SETTLED_REREAD_FROM if settled else 0.0


def _blanked(marks: np.ndarray, settled: tuple[Rect, ...], scale: float, dx: float,
             dy: float) -> np.ndarray:
    """``marks`` (a light-mark image) with the boxes of ``settled`` (full-resolution pixels,
    mapped by ``(x * scale - dx)``) filled white: nothing left there to read."""
    for x0, y0, x1, y1 in settled:
        left, top = max(0, int(x0 * scale - dx) - 2), max(0, int(y0 * scale - dy) - 2)
        right, bottom = int(x1 * scale - dx) + 3, int(y1 * scale - dy) + 3
        if right > 0 and bottom > 0:
            marks[top:bottom, left:right] = 255
    return marks


def _read_centre(engine: OcrEngine, frame: Frame, rgb: np.ndarray, area: Rect, disc: int,
                 enlarge: float, factor: float, settled: tuple[Rect, ...]) -> list[Word]:
    """Light marks in ``area`` (shares of the view) of the view ``rgb``, enlarged first, where
    the shared reading has not already read print well (``settled``)."""
    height, width = rgb.shape[:2]
    x0, y0 = int(width * area[0]), int(height * area[1])
    x1, y1 = int(width * area[2]), int(height * area[3])

    def read() -> list[Word]:
        crop = np.ascontiguousarray(rgb[y0:y1, x0:x1])
        if enlarge > 1:
            crop = cv2.resize(crop, None, fx=enlarge, fy=enlarge, interpolation=cv2.INTER_CUBIC)
        marks = _blanked(_light_marks(crop, int(disc * enlarge)), settled, enlarge / factor,
                         x0 * enlarge, y0 * enlarge)
        return _read(engine, marks, factor / enlarge, x0 * factor, y0 * factor,
                     _reread_from(settled))

    return _look(engine, frame, (x0 * factor, y0 * factor, x1 * factor, y1 * factor),
                 f"overlay-light-{disc}", read)


def _worth(words: list[Word]) -> tuple[bool, int]:
    """How much a reading says: whether a line of it reads as a watermark's wording, then its
    letters read at good confidence."""
    return (any(classify_watermark_text(line.text) is not None for line in group_lines(words)),
            sum(sum(c.isalnum() for c in word.text) for word in words
                if word.confidence >= GOOD_CONFIDENCE))


def _level_strip(rgb: np.ndarray, centre: tuple[float, float], angle: float,
                 band: float) -> tuple[np.ndarray, np.ndarray]:
    """The line through ``centre`` (view pixels) at ``angle`` degrees, turned level: a strip
    ``band`` pixels high across the whole turned view, and the affine map from the strip's
    pixels back to the view's."""
    height, width = rgb.shape[:2]
    turn = cv2.getRotationMatrix2D(centre, -angle, 1.0)
    corners = np.array([[0, 0, 1], [width, 0, 1], [width, height, 1], [0, height, 1]],
                       np.float64) @ turn.T
    x0, x1 = corners[:, 0].min(), corners[:, 0].max()
    turn[0, 2] -= x0
    turn[1, 2] -= centre[1] - band / 2
    size = (int(np.ceil(x1 - x0)), max(8, int(np.ceil(band))))
    strip = cv2.warpAffine(rgb, turn, size, flags=cv2.INTER_LINEAR,
                           borderMode=cv2.BORDER_REPLICATE)
    return np.ascontiguousarray(strip), cv2.invertAffineTransform(turn)


def _mapped(word: Word, back: np.ndarray, factor: float) -> Word:
    quad = tuple((float((back[0, 0] * x + back[0, 1] * y + back[0, 2]) * factor),
                  float((back[1, 0] * x + back[1, 1] * y + back[1, 2]) * factor))
                 for x, y in word.quad)
    return Word(word.text, quad, word.confidence)  # type: ignore[arg-type]


def _levelled(engine: OcrEngine, frame: Frame, words: list[Word]) -> list[Word]:
    """``words``, with the tilted lines of large print read again levelled where that reads
    more (see the module's docstring). Only a word of two letters or more read at good
    confidence leads a strip (a scene's shapes read as a stray letter do not), and not where
    the reading already holds a mark's wording."""
    if not words or _worth(words)[0]:  # nothing tilted, or a mark's wording already read
        return words
    rgb = frame.array(VIEW_SIDE)
    factor = frame.width / rgb.shape[1]
    anchors = sorted((word for word in words if abs(word.angle) > TILT
                      and word.height / factor >= LEVEL_TEXT_HEIGHT
                      and word.confidence >= GOOD_CONFIDENCE
                      and sum(c.isalnum() for c in word.text) >= 2),
                     key=lambda word: -word.height)
    for anchor in anchors[:MAX_LEVELLED]:
        if anchor not in words:  # already replaced by an earlier strip's reading
            continue
        cx, cy = anchor.centre
        band = LEVEL_BAND * anchor.height / factor
        strip, back = _level_strip(rgb, (cx / factor, cy / factor), anchor.angle, band)
        forth = cv2.invertAffineTransform(back)

        def covered(word: Word, forth: np.ndarray = forth, band: float = band,
                    length: int = strip.shape[1]) -> bool:
            x, y = word.centre[0] / factor, word.centre[1] / factor
            sx = forth[0, 0] * x + forth[0, 1] * y + forth[0, 2]
            sy = forth[1, 0] * x + forth[1, 1] * y + forth[1, 2]
            return 0 <= sx <= length and 0 <= sy <= band

        box: Rect = (0.0, 0.0, float(frame.width), float(frame.height))
        again = [_mapped(word, back, factor) for word in _look(
            engine, frame, box, f"overlay-level-{round(anchor.angle)}-{round(cx)}-{round(cy)}",
            lambda strip=strip: _read(engine, strip, 1.0, 0.0, 0.0))]
        pieces = [word for word in words if covered(word)]
        if _worth(again) > _worth(pieces):
            words = [word for word in words if word not in pieces] + again
    return words


def settled_boxes(read: tuple[Word, ...]) -> tuple[Rect, ...]:
    """The boxes (full-resolution pixels) of the level words the shared reading read well,
    where it read a page of print (MIN_SETTLED of them or more); none otherwise."""
    boxes = tuple((float(b.x0), float(b.y0), float(b.x1), float(b.y1))
                  for b in (word.box for word in read
                            if word.confidence >= SETTLED_CONFIDENCE and abs(word.angle) <= TILT))
    return boxes if len(boxes) >= MIN_SETTLED else ()


def read_overlays(frame: Frame, engine: OcrEngine, plan: TextPlan,
                  read: tuple[Word, ...] = ()) -> Reading:
    """Words of faint light marks in the frame, in full-resolution pixels (none where no mark
    is likely; ``regions`` says how many views were read). ``read``: the words the shared
    reading found, whose print the light views need not read again."""
    words: list[Word] = []
    views = 0
    if max(frame.width, frame.height) < SMALL_SIDE:  # read whole, enlarged, as it is and lit
        rgb = np.ascontiguousarray(frame.array())
        enlarge = SMALL_READ_SIDE / max(rgb.shape[:2])
        big = cv2.resize(rgb, None, fx=enlarge, fy=enlarge, interpolation=cv2.INTER_CUBIC)
        whole: Rect = (0.0, 0.0, float(frame.width), float(frame.height))
        # Where the shared pass read the whole frame, enlarged too, a plain read is its copy.
        if not any(box == whole for box, _ in plan.boxes):
            words += _look(engine, frame, whole, "overlay-small",
                           lambda: _read(engine, big, 1 / enlarge, 0.0, 0.0))
            views += 1
        settled = settled_boxes(read)
        marks = _blanked(_light_marks(big, TOPHAT_DISC), settled, enlarge, 0.0, 0.0)
        words += _look(engine, frame, whole, "overlay-small-light",
                       lambda: _read(engine, marks, 1 / enlarge, 0.0, 0.0,
                                     _reread_from(settled)))
        return Reading(engine.name, tuple(words), tuple(group_lines(words)), views + 1)
    lines = unplanned_lines(frame, plan, VIEW_SIDE)
    if lines:  # small print: read as the shared pass reads its plan, enlarged where small
        words += read_frame(frame, engine, TextPlan(len(lines), lines)).words
    large = unplanned_lines(frame, plan, LARGE_SIDE)
    words += _read_large(engine, frame, large)
    views += len(lines) + len(large)
    if plan.regions > 0 or lines or large:
        rgb = frame.array(VIEW_SIDE)
        factor = frame.width / rgb.shape[1]
        settled = settled_boxes(read)
        for area, disc, enlarge in ((CENTRE, TOPHAT_DISC, 1.0),
                                    (CENTRE_SMALL, SMALL_MARK_DISC, SMALL_MARK_ENLARGE)):
            words += _read_centre(engine, frame, rgb, area, disc, enlarge, factor, settled)
            views += 1
    words = _levelled(engine, frame, words)
    return Reading(engine.name, tuple(words), tuple(group_lines(words)), views)
