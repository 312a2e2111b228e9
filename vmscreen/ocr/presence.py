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
    """An axis-aligned area of the analysis view, and how many text-like bars it holds."""

    x: int
    y: int
    width: int
    height: int
    bars: int

    def scaled(self, factor: float, limit: tuple[int, int]) -> tuple[int, int, int, int]:
        """Corners (x0, y0, x1, y1) in a view ``factor`` times larger, kept inside ``limit``."""
        x0, y0 = int(self.x * factor), int(self.y * factor)
        x1 = min(limit[0], int((self.x + self.width) * factor))
        y1 = min(limit[1], int((self.y + self.height) * factor))
        return max(0, x0), max(0, y0), x1, y1


def _stroke_mask(grey: np.ndarray) -> np.ndarray:
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))
    gradient = cv2.morphologyEx(grey, cv2.MORPH_GRADIENT, kernel)
    # Otsu picks the stroke threshold per image; a floor keeps flat photos from inventing text.
    threshold, _ = cv2.threshold(gradient, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    _, mask = cv2.threshold(gradient, max(threshold, 24.0), 255, cv2.THRESH_BINARY)
    return mask


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


def _bars(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Rows of characters joined into bars, kept when their shape and fill look like print."""
    joined = cv2.morphologyEx(_glyphs(mask), cv2.MORPH_CLOSE,
                              cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    bars = []
    for index in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[index])
        if h < MIN_BAR_HEIGHT or w < MIN_BAR_WIDTH:
            continue
        fill = area / float(w * h)
        # A row of glyphs is wider than tall (or a tilted row, nearly square) and part-filled;
        # leaves, grass and gravel are either blobs (full) or threads (sparse).
        if (w >= 1.5 * h and 0.2 <= fill <= 0.95 and h <= MAX_BAR_HEIGHT) or \
                (w >= 0.6 * h and 0.12 <= fill <= 0.6 and w * h >= 400):
            bars.append((x, y, w, h))
    return bars


def text_regions(grey: np.ndarray, *, min_bars: int = 2, pad: float = 0.6) -> list[Region]:
    """Regions of the grey view likely to hold text, largest first. Empty when there is none."""
    height, width = grey.shape
    bars = _bars(_stroke_mask(grey))
    if len(bars) < min_bars:
        return []
    canvas = np.zeros((height, width), np.uint8)
    for x, y, w, h in bars:
        grow = int(h * pad) + 2
        cv2.rectangle(canvas, (x - grow, y - grow), (x + w + grow, y + h + grow), 255, -1)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(canvas, connectivity=8)
    members = np.zeros(count, int)
    for x, y, w, h in bars:
        members[labels[y + h // 2, min(width - 1, x + w // 2)]] += 1
    regions = [
        Region(int(stats[i, 0]), int(stats[i, 1]), int(stats[i, 2]), int(stats[i, 3]),
               int(members[i]))
        for i in range(1, count) if members[i] >= min_bars
    ]
    return sorted(regions, key=lambda r: r.width * r.height, reverse=True)
