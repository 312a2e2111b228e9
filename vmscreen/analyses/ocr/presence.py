"""The cheap step before OCR: where in the picture could there be text at all?

Printed characters are short, dense, high-contrast strokes in rows. On the grey analysis view
(about 1024 px) a morphological gradient marks strokes, a wide closing joins the characters of a
row into a bar, and bars of text-like height and fill are grouped into regions. This costs a
few milliseconds; the text detector and recogniser then run only inside the regions found,
so a photo of a landscape costs no OCR at all and a card in a 12 MP photo is read at full
resolution without recognising the rest of the frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# Bars shorter than this (in analysis-view pixels) are noise; taller are not print.
MIN_BAR_HEIGHT, MAX_BAR_HEIGHT = 3, 90
MIN_BAR_WIDTH = 10
# A lone bar this many thicknesses or less from a region's row continues it: a card number's
# group of four lost to a busy background leaves a gap of about 3.5.
ROW_GAP = 5.0

# The top edge threshold, as a share of the 99.9th percentile of edge strength.
TOP_EDGES = 0.6

Bar = tuple[int, int, int, int, int]  # x, y, width, height, thickness


@dataclass(frozen=True)
class Region:
    """An axis-aligned area of the analysis view, how many text-like bars it holds, and the
    height of its smaller print (the lower quartile of its bars' thickness, in view pixels)."""

    x: int
    y: int
    width: int
    height: int
    bars: int
    text_height: float

    def scaled(self, factor: float, limit: tuple[int, int]) -> tuple[int, int, int, int]:
        """Corners (x0, y0, x1, y1) in a view ``factor`` times larger, kept inside ``limit``."""
        x0, y0 = int(self.x * factor), int(self.y * factor)
        x1 = min(limit[0], int((self.x + self.width) * factor))
        y1 = min(limit[1], int((self.y + self.height) * factor))
        return max(0, x0), max(0, y0), x1, y1


def _percentiles(image: np.ndarray, shares: tuple[float, ...]) -> list[float]:
    """np.percentile's (linear) values of a uint8 image, from its histogram: a tenth of the
    time of sorting it, which the presence step spends on every frame."""
    counts = cv2.calcHist([image], [0], None, [256], [0, 256]).ravel()
    ranks = np.cumsum(counts)
    values = []
    for share in shares:
        position = share / 100 * (image.size - 1)
        below = int(position)
        low, high = np.searchsorted(ranks, [below + 1, below + 2])
        values.append(float(low + (position - below) * (min(high, 255) - low)))
    return values


def _stroke_masks(grey: np.ndarray) -> tuple[np.ndarray, ...]:
    """Edges of strokes at three thresholds. The low one (Otsu, with a floor that keeps flat
    photos from inventing text) finds faint print; the high one keeps only the strongest edges,
    which cuts printed text free of the faint guilloche lines that ID documents lay under it;
    the top one keeps the very strongest, which cuts embossed digits (a highlight beside a
    shadow) free of the edges of busy, colourful card art they touch at the other two."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))
    gradient = cv2.morphologyEx(grey, cv2.MORPH_GRADIENT, kernel)
    otsu, _ = cv2.threshold(gradient, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    low = max(otsu, 24.0)
    strong, strongest = _percentiles(gradient, (99.5, 99.9))
    high = max(low, 0.5 * float(strong))
    top = max(high, TOP_EDGES * float(strongest))
    return gradient > low, gradient > high, gradient > top


def _glyphs(mask: np.ndarray) -> np.ndarray:
    """Stroke components the size of a character or a few: drops the long edges of a document,
    a table or a horizon, which would otherwise swallow the text that sits beside them."""
    _count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    widths, heights = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    fill = stats[:, cv2.CC_STAT_AREA] / np.maximum(widths * heights, 1)
    sized = (heights >= MIN_BAR_HEIGHT) & (heights <= MAX_BAR_HEIGHT)
    # One glyph or a few; or a run of touching glyphs (an MRZ's '<<<<' filler), which is
    # part-filled, where an edge is thin (a horizontal one) or nearly empty (a diagonal one).
    single = widths <= 3 * heights + 8
    run = (heights >= 5) & (widths <= 40 * heights) & (fill >= 0.15) & (fill <= 0.7)
    keep = sized & (single | run)
    keep[0] = False
    # A look-up, one pass over the labels (np.take is twice as fast as indexing with them).
    return np.take(np.where(keep, 255, 0).astype(np.uint8), labels)


def _bars(masks: tuple[np.ndarray, ...]) -> list[Bar]:
    """Rows of characters joined into bars, kept when their shape and fill look like print.

    Shape is measured on each bar's minimum-area rectangle, so a row tilted 30 degrees is as
    much a bar as a level one. Returns (x, y, w, h) of the upright bounding box and the bar's
    thickness.
    """
    low, high = (_glyphs(mask.astype(np.uint8)) for mask in masks[:2])
    bars = _bars_of(low | high)
    if not masks[2].any() or (masks[2] == masks[1]).all():
        return bars  # the top threshold is the high one: its glyphs are the high ones
    # The top threshold's glyphs make bars of their own: joined with the others' they would
    # reshape the bars ordinary print makes, and move the regions it is read in.
    return bars + _bars_of(_glyphs(masks[2].astype(np.uint8)) & ~(low | high))


def _bars_of(glyphs: np.ndarray) -> list[Bar]:
    joined = cv2.morphologyEx(glyphs, cv2.MORPH_CLOSE,
                              cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    bars = []
    for contour in contours:
        (_, _), (side_a, side_b), _ = cv2.minAreaRect(contour)
        length, thickness = max(side_a, side_b), min(side_a, side_b)
        if not (MIN_BAR_HEIGHT <= thickness <= MAX_BAR_HEIGHT and length >= MIN_BAR_WIDTH):
            continue
        fill = cv2.contourArea(contour) / max(length * thickness, 1.0)
        # A row of glyphs is longer than thick and part-filled; leaves, grass and gravel are
        # either blobs (short, full) or threads (sparse). Closely set rows (an MRZ) close into
        # a solid band: full, but long.
        elongated = length >= 1.5 * thickness and 0.2 <= fill <= 0.95
        band = length >= 3 * thickness and fill > 0.95
        if elongated or band:
            x, y, w, h = cv2.boundingRect(contour)
            bars.append((x, y, w, h, round(thickness)))
    return bars


def text_regions(grey: np.ndarray, *, min_bars: int = 2, pad: float = 0.6) -> list[Region]:
    """Regions of the grey view likely to hold text, largest first. Empty when there is none."""
    height, width = grey.shape
    bars = _bars(_stroke_masks(grey))
    if len(bars) < min_bars:
        return []
    canvas = np.zeros((height, width), np.uint8)
    for x, y, w, h, thickness in bars:
        grow = int(thickness * pad) + 2
        cv2.rectangle(canvas, (x - grow, y - grow), (x + w + grow, y + h + grow), 255, -1)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(canvas, connectivity=8)
    members: list[list[Bar]] = [[] for _ in range(count)]
    for bar in bars:
        x, y, w, h, _thickness = bar
        members[labels[y + h // 2, min(width - 1, x + w // 2)]].append(bar)
    kept = [i for i in range(1, count) if len(members[i]) >= min_bars]
    lone = [bar for i in range(1, count) if len(members[i]) < min_bars for bar in members[i]]
    regions = []
    for i in kept:
        row = _continued_row(members[i], lone)
        x0, y0, x1, y1 = (int(stats[i, 0]), int(stats[i, 1]), int(stats[i, 0] + stats[i, 2]),
                          int(stats[i, 1] + stats[i, 3]))
        for x, y, w, h, _thickness in row:
            x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x + w), max(y1, y + h)
        thicknesses = [b[4] for b in members[i]]
        regions.append(Region(x0, y0, x1 - x0, y1 - y0, len(members[i]) + len(row),
                              float(np.percentile(thicknesses, 25))))
    return sorted(regions, key=lambda r: r.width * r.height, reverse=True)


def _continued_row(members: list[Bar], lone: list[Bar]) -> list[Bar]:
    """Lone bars that continue a row of the region's bars: on the same baseline, as thick, and
    less than ROW_GAP thicknesses away. Large print over busy art (an embossed card number)
    loses a group to the background, and the group beyond it is left alone: without this the
    region's read box would cut the number short. Grown from the region's bars until no lone
    bar continues any bar of the row, each lone bar (or its identical copy) taken once."""
    candidates = np.array(list(dict.fromkeys(lone)), np.float64).reshape(-1, 5)
    if not len(candidates) or not members:
        return []
    middles = candidates[:, 1] + candidates[:, 3] / 2
    taken = np.zeros(len(candidates), bool)
    reach = np.array(members, np.float64).reshape(-1, 5)
    while len(reach):
        x, y, w, h, thickness = (reach[:, i, None] for i in range(5))
        aligned = np.abs(middles - (y + h / 2)) < 0.5 * thickness
        ratio = candidates[:, 4] / np.maximum(thickness, 1)
        alike = (ratio >= 0.7) & (ratio <= 1.4)
        gap = np.maximum(candidates[:, 0] - (x + w), x - (candidates[:, 0] + candidates[:, 2]))
        new = (aligned & alike & (gap < ROW_GAP * thickness)).any(axis=0) & ~taken
        taken |= new
        reach = candidates[new]
    return [tuple(int(v) for v in bar) for bar in candidates[taken]]  # type: ignore[misc]
