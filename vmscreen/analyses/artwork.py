"""Whether a frame is an artwork (a painting or drawing, a photographed sculpture) rather than a
photograph of the scene, from two classifiers every frame already runs: nsfwjs's drawing class
and ImageNet's pedestal class. The rule that reads them is vmscreen.rules.artwork."""

from __future__ import annotations

from dataclasses import dataclass

from vmscreen.analyses.image_classes import ImageClasses
from vmscreen.analyses.nsfw import PictureClasses
from vmscreen.rules.artwork import ArtworkCues, ArtworkKind, artwork_kind

PEDESTAL = 708  # ImageNet-1k "pedestal, plinth, footstall"


@dataclass(frozen=True)
class Artwork:
    """The measured cues and the kind of artwork they make (None: a photograph)."""

    cues: ArtworkCues
    kind: ArtworkKind | None


def pedestal_share(classes: ImageClasses) -> float:
    """ImageNet's pedestal class: the sculpture cue (vmscreen.rules.artwork)."""
    return classes.share([PEDESTAL])


def find_artwork(pictures: PictureClasses, classes: ImageClasses) -> Artwork:
    cues = ArtworkCues(drawing=pictures.drawing, pedestal=pedestal_share(classes))
    return Artwork(cues, artwork_kind(cues))
