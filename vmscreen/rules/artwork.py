"""Whether a picture is an artwork rather than a photograph of the scene: a painting, drawing,
print or illustration, or a photographed sculpture. Detectors read it to judge what the picture
shows: nudity in a painting goes to a person rather than being rejected as a photograph would
be, and a statue's face is no one who could be identified.

The cues, measured on ../shared/datasets/art (43 artworks and look-alike photos) against the
real set (221 photos, scans and screenshots):

- a painting or drawing: nsfwjs's "drawing" class (trained on drawings, paintings and
  cartoons) at 0.6 or more. It reaches 0.6 on 20 of the art set's 28 paintings and sculptures
  but also on 50 of the 221 real images (screenshots, greyscale and low-light photos, crowds),
  so it is never enough on its own: it changes how a sexual-content score is read, and a
  person found in such a picture is still judged as a person;
- a sculpture: ImageNet's "pedestal, plinth" class (EfficientNet-Lite0) at 0.15 or more: 0.20
  to 0.60 on the four statues standing on a plinth, at most 0.02 on every real image.

A face in a sculpture is the statue's when its colour is the material's, not skin's
(``statue_face``): a visitor photographed in colour beside the statue is still a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

MIN_DRAWING = 0.6
MIN_PEDESTAL = 0.15
# A statue's face is its material's colour: 6 to 7 (CIELAB a*b* distance from grey) on the
# bronze and marble faces of the art set; the real set's faces measure 21 (median), but 48 of
# its 306 measure 10 or less (greyscale photos, small faces in crowds, screenshots), so the
# colour tells a statue from a visitor only once the pedestal has said the picture is a statue.
MAX_STATUE_COLOURFULNESS = 10.0


class ArtworkKind(Enum):
    PAINTING = "painting-or-drawing"
    SCULPTURE = "sculpture"


@dataclass(frozen=True)
class ArtworkCues:
    """What was measured of a picture: nsfwjs's drawing probability and ImageNet's pedestal
    share."""

    drawing: float
    pedestal: float


def artwork_kind(cues: ArtworkCues) -> ArtworkKind | None:
    """The kind of artwork the picture is, or None for a photograph of the scene."""
    if is_sculpture(cues.pedestal):
        return ArtworkKind.SCULPTURE
    if cues.drawing >= MIN_DRAWING:
        return ArtworkKind.PAINTING
    return None


def is_sculpture(pedestal: float) -> bool:
    """Whether the pedestal class says the picture is a photographed sculpture: the one cue a
    statue's face needs, so a face can be judged without nsfwjs's drawing class."""
    return pedestal >= MIN_PEDESTAL


def statue_coloured(colourfulness: float) -> bool:
    """Whether a face is the colour of bronze or stone rather than skin."""
    return colourfulness <= MAX_STATUE_COLOURFULNESS


def statue_face(kind: ArtworkKind | None, colourfulness: float) -> bool:
    """Whether a face is a statue's: the picture is a sculpture and the face is the colour of
    its material."""
    return kind is ArtworkKind.SCULPTURE and statue_coloured(colourfulness)
