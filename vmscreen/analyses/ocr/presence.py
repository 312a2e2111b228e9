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


def _stroke_masks(grey: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Edges of strokes at two thresholds. The low one (Otsu, with a floor that keeps flat
    photos from inventing text) finds faint print; the high one keeps only the strongest edges,
    which cuts printed text free of the faint guilloche lines that ID documents lay under it."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))
    gradient = cv2.morphologyEx(grey, cv2.MORPH_GRADIENT, kernel)
    otsu, _ = cv2.threshold(gradient, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    low = max(otsu, 24.0)
    high = max(low, 0.5 * float(np.percentile(gradient, 99.5)))
    return gradient > low, gradient > high


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
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def _bars(masks: tuple[np.ndarray, np.ndarray]) -> list[tuple[int, int, int, int, int]]:
    """Rows of characters joined into bars, kept when their shape and fill look like print.

    Shape is measured on each bar's minimum-area rectangle, so a row tilted 30 degrees is as
    much a bar as a level one. Returns (x, y, w, h) of the upright bounding box and the bar's
    thickness.
    """
    glyphs = _glyphs(masks[0].astype(np.uint8)) | _glyphs(masks[1].astype(np.uint8))
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
    members: list[list[int]] = [[] for _ in range(count)]
    for x, y, w, h, thickness in bars:
        members[labels[y + h // 2, min(width - 1, x + w // 2)]].append(thickness)
    regions = [
        Region(int(stats[i, 0]), int(stats[i, 1]), int(stats[i, 2]), int(stats[i, 3]),
               len(members[i]), float(np.percentile(members[i], 25)))
        for i in range(1, count) if len(members[i]) >= min_bars
    ]
    return sorted(regions, key=lambda r: r.width * r.height, reverse=True)
