"""Faces that are pictures, not people in the scene: drawings, icons, and a face printed many
times over. A drawing or an icon shows no one who could be identified; a row of packages
printed with the same face shows a product, not a person standing there.

What tells them apart, measured on the face's own pixels (vmscreen.analyses.faces.depiction):

- a drawing is made of flat fills bounded by hard outlines. On the real benchmark set
  (benchmarks/sets/real.py) no face photo has more than 21% of its pixels flat once noise is
  smoothed, and their strongest edges rise over about 2 px; drawn cartoons and avatar icons
  have about 40% or more flat pixels and edges that step in one pixel. Both cues are needed: a soft,
  shaded drawing (the synthetic document portrait, about 52% flat but with edges as soft as a
  photo's) stays a face, since pixels alone cannot tell it from a retouched photograph. Only
  faces 100 px or more high are judged: smaller, a photographed face's edges step as sharply
  as a drawing's, and the synthetic portrait at 60 px measures like a cartoon;
- an icon is nearly all flat fill (an emoji, a pictogram, an avatar): 65% or more, with edges
  steeper than a photo's (0.6) though softer than a cartoon's outlines, as anti-aliasing and a
  camera leave them. The synthetic portrait never measured more than 57% flat;
- a printed repeat is a face with a near-identical twin in the same frame: the same picture
  printed on every package of a shelf. Two photographs of one person do not match that closely:
  on the real set no two faces of a frame match more than 0.65, a composite of one actress's
  press photos and a face-search screenshot included; printed copies match 0.8 to 0.99.

A face among printed repeats is judged with them: where three or more faces of a frame are
printed repeats, another face of about their height that matches none of them closely is a
sibling print (another icon of the sheet, another product of the shelf, a copy the camera caught
at an angle), not a person standing among them. On the real set no frame holds even one
printed repeat, so no photographed face is affected; on the synthetic icon sheets and shelves
these faces were the ones taken for people.

A single printed photograph (a poster, a magazine, a photo on a wall) cannot be told from a
person by its pixels and stays a face (FAC101): the person on it can still be recognised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

MIN_FLAT_SHARE = 0.35  # share of flat pixels for a drawing
MIN_EDGE_STEEPNESS = 0.7  # strongest edges' step over their contrast: 1 is a one-pixel step
ICON_FLAT_SHARE = 0.65  # a face this flat is an icon, even with softer (anti-aliased) edges
MIN_ICON_STEEPNESS = 0.6
# The face's height in the measured view: under about 100 px every face's edges step within
# a pixel or two (small photographed faces measure 0.8), so steepness tells nothing.
MIN_DRAWING_PX = 100
MIN_TWIN_SIMILARITY = 0.8
MIN_TWIN_PX = 24
MIN_PRINTED_SET = 3  # printed repeats in a frame that make it a sheet or a shelf of prints
PRINTED_SET_SIZE_RATIO = 1.25  # a sibling print's height against the repeats' median


@dataclass(frozen=True)
class DepictionMeasures:
    """What was measured of one face to tell a picture from a person."""

    view_height_px: float  # the face's height in the view the measures were taken on
    flat_share: float  # share of its pixels in flat fills
    edge_steepness: float  # how sharply its strongest edges step (about 0.5 on photos)
    twin_similarity: float  # the highest similarity to another face of its size (0: none)
    colourfulness: float = 20.0  # its median colour's distance from grey (CIELAB a*b*)


def depiction(measures: DepictionMeasures) -> str | None:
    """Why the face is a picture rather than a person ("printed-repeat", "icon", "drawing"),
    or None for a face that may be a person."""
    m = measures
    if m.view_height_px >= MIN_TWIN_PX and m.twin_similarity >= MIN_TWIN_SIMILARITY:
        return "printed-repeat"
    if m.view_height_px < MIN_DRAWING_PX:
        return None
    if m.flat_share >= ICON_FLAT_SHARE and m.edge_steepness >= MIN_ICON_STEEPNESS:
        return "icon"
    if m.flat_share >= MIN_FLAT_SHARE and m.edge_steepness >= MIN_EDGE_STEEPNESS:
        return "drawing"
    return None


def depictions(measures: Sequence[DepictionMeasures]) -> list[str | None]:
    """``depiction`` of each face of one frame, and "printed-set" for a face of about the
    height of the frame's printed repeats, where there are three or more of them."""
    reasons = [depiction(m) for m in measures]
    repeats = [m.view_height_px for m, reason in zip(measures, reasons, strict=True)
               if reason == "printed-repeat"]
    if len(repeats) < MIN_PRINTED_SET:
        return reasons
    typical = median(repeats)

    def sibling(m: DepictionMeasures) -> bool:
        return 1 / PRINTED_SET_SIZE_RATIO <= m.view_height_px / typical <= PRINTED_SET_SIZE_RATIO

    return [reason or ("printed-set" if sibling(m) else None)
            for m, reason in zip(measures, reasons, strict=True)]
