"""What a frame's pixels say about whether it was drawn by a computer's interface rather than
seen through a lens: the pixel cues of a screenshot.

A camera's sensor adds noise to every pixel, so in a photo almost no pixel has eight neighbours
of exactly its own colour, except where the sensor clipped (a blown-out sky, a studio's white
backdrop). An interface is drawn: panels, toolbars and page backgrounds are runs of one exact
colour, in several colours at once, and a window holds a few thousand distinct colours at most.
A phone screenshot has a status bar and a navigation bar: uniform bands at the top and bottom.

Measured on a view of at most ``VIEW_SIDE`` pixels. A lossless view of a screenshot keeps its
flat runs exactly; a JPEG screenshot keeps most of them (a flat 8 x 8 block compresses to one
exact colour).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vmscreen.media import Frame

VIEW_SIDE = 1024
# A colour counts as a panel when its flat pixels cover this share of the frame.
PANEL_SHARE = 0.002
# A band at the top or bottom: rows whose one colour covers this share of the row, for between
# these shares of the frame's height, over a region of another colour.
BAND_ROW_SHARE = 0.6
BAND_HEIGHT = (0.015, 0.09)


@dataclass(frozen=True)
class UiPixels:
    """The pixel cues of one frame, each a share of the view's pixels or a count."""

    flat_share: float  # pixels whose 3 x 3 neighbourhood is one exact colour
    panel_share: float  # those of them not in the commonest flat colour (panels, bars)
    flat_colours: int  # distinct flat colours each covering PANEL_SHARE of the frame or more
    colour_share: float  # distinct colours over pixels: a drawn window holds few
    grey: bool  # every pixel grey: a scan, a greyscale photo or a text image
    bands: int  # uniform bands at the top and bottom edge (0, 1 or 2)
    width: int  # of the view measured
    height: int


def _packed(rgb: np.ndarray) -> np.ndarray:
    """One int32 per pixel, so one comparison tells two colours apart."""
    rgb = rgb.astype(np.int32)
    return (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]


def flat_mask(key: np.ndarray) -> np.ndarray:
    """Pixels (but the outer ring) whose eight neighbours are all of their own colour."""
    across = key[:, 1:] == key[:, :-1]  # pixel equals its right neighbour
    row_flat = across[:, 1:] & across[:, :-1]  # equals left and right: (H, W - 2)
    down = key[1:, 1:-1] == key[:-1, 1:-1]  # equals the one below: (H - 1, W - 2)
    return row_flat[1:-1] & row_flat[:-2] & row_flat[2:] & down[1:] & down[:-1]


def _band_rows(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's commonest colour and the share of the row it covers."""
    ordered = np.sort(key, axis=1)
    width = key.shape[1]
    position = np.broadcast_to(np.arange(width), ordered.shape)
    starts = np.ones(ordered.shape, bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    # Each position's distance from the start of its run of one colour, plus one.
    run_start = np.maximum.accumulate(np.where(starts, position, 0), axis=1)
    length = position - run_start + 1
    longest = np.argmax(length, axis=1)
    rows = np.arange(len(key))
    return ordered[rows, longest], length[rows, longest] / width


def _has_band(colours: np.ndarray, shares: np.ndarray, height: int) -> bool:
    """Whether the rows (from the frame's edge inwards) start with a uniform band of one colour
    between BAND_HEIGHT of the frame's height, ending where another colour begins."""
    lowest, highest = (max(2, round(share * height)) for share in BAND_HEIGHT)
    uniform = shares >= BAND_ROW_SHARE
    if not uniform[0]:
        return False
    colour = colours[0]
    size = 0
    while size < len(colours) and uniform[size] and colours[size] == colour:
        size += 1
    if not lowest <= size <= highest:
        return False
    # What follows is not the band's colour (a drawn edge, not a sky that goes on).
    after = colours[size:size + lowest]
    return bool(len(after)) and not np.any((after == colour) & uniform[size:size + lowest])


def measure(rgb: np.ndarray) -> UiPixels:
    """The cues of an RGB image (H x W x 3, uint8)."""
    height, width = rgb.shape[:2]
    if height < 8 or width < 8:
        return UiPixels(0.0, 0.0, 0, 1.0, False, 0, width, height)
    key = _packed(rgb)
    flat = flat_mask(key)
    total = flat.size
    flat_keys = key[1:-1, 1:-1][flat]
    panel_share, flat_colours = 0.0, 0
    if flat_keys.size:
        _, counts = np.unique(flat_keys, return_counts=True)
        panel_share = float(flat_keys.size - counts.max()) / total
        flat_colours = int((counts >= PANEL_SHARE * total).sum())
    ordered = np.sort(key, axis=None)  # np.unique's hashing is many times slower on photos
    distinct = 1 + int(np.count_nonzero(ordered[1:] != ordered[:-1]))
    grey = bool(np.all((rgb[..., 0] == rgb[..., 1]) & (rgb[..., 1] == rgb[..., 2])))
    strip = max(3, round(sum(BAND_HEIGHT) * height) + 1)  # the longest band, then its edge
    top = _band_rows(key[:strip])
    bottom = _band_rows(key[::-1][:strip])
    bands = int(_has_band(*top, height)) + int(_has_band(*bottom, height))
    return UiPixels(flat_share=float(flat.sum()) / total, panel_share=panel_share,
                    flat_colours=flat_colours, colour_share=distinct / key.size, grey=grey,
                    bands=bands, width=width, height=height)


def ui_pixels(frame: Frame) -> UiPixels:
    """The pixel cues of a frame, on a view of at most VIEW_SIDE pixels."""
    return measure(frame.array(VIEW_SIDE))
