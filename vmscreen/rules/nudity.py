"""How the two sexual-content classifiers' scores combine into a finding.

open_nsfw (Yahoo, trained on photographs) answers one probability; nsfwjs answers five classes,
of which hentai, porn and sexy are the unsafe share. Calibrated on the art set (14 nudes in
paintings and sculpture, 29 clothed works and photos, swimwear among them) and the real set
(no nudity):

- a photograph is reported (SEX101) from an open_nsfw score of 0.5 when nsfwjs also gives the
  unsafe classes 0.05 or more. The two real images open_nsfw rated 0.5 or more (a camera
  sample at 0.78, an app screenshot of face crops at 0.57) get 0.01 and 0.00 from nsfwjs; the
  five nudes open_nsfw rates 0.83 to 0.96 get 0.11 to 0.87. The score stays open_nsfw's, so
  the policy's bands keep their meaning;
- an artwork (vmscreen.rules.artwork) is reported as nudity in an artwork (SEX102) from an
  open_nsfw score of 0.15: trained on photographs, it rates painted and sculpted nudes low
  (0.18 to 0.38 where it rated 0.5 on photographs), while no clothed artwork of the set
  reaches 0.1. No real image that reads as an artwork reaches 0.15. Two nudes stay below it:
  bronze statues (Michelangelo's David, Rodin's Thinker) that open_nsfw rates 0.00 and 0.02;
- an artwork open_nsfw rates a near miss (0.1 to under 0.15) is looked at again in three
  undistorted squares along its long side, and reported when one of them reaches 0.5,
  open_nsfw's own mark. The reference pipeline squashes a wide picture into a square:
  Botticelli's Venus (1.6 : 1) rates 0.12 whole and 0.60 in its middle square. The three real
  images that read as artworks in the band rate at most 0.22 in a square, and no clothed
  artwork of the art set falls in it. Below the band squares are not looked at: there a real
  car interior (0.08 whole) rates 0.67 in one.
"""

from __future__ import annotations

from dataclasses import dataclass

PHOTO_REPORT = 0.5
MIN_UNSAFE_AGREEMENT = 0.05
ARTWORK_REPORT = 0.15
NEAR_MISS = 0.1  # an artwork rated this much, under ARTWORK_REPORT, gets a second look ...
SQUARE_REPORT = 0.5  # ... and is reported when one of its squares is rated this much


@dataclass(frozen=True)
class NudityScores:
    """The classifiers' scores for one picture."""

    open_nsfw: float  # open_nsfw's NSFW probability
    unsafe: float  # nsfwjs's hentai + porn + sexy
    artwork: bool  # the picture is an artwork (vmscreen.rules.artwork)
    squares: float | None = None  # open_nsfw's highest score of its squares, where looked at


def wants_squares(scores: NudityScores) -> bool:
    """Whether the picture is an artwork whose open_nsfw score is a near miss, so that its
    squares are worth rating."""
    return scores.artwork and NEAR_MISS <= scores.open_nsfw < ARTWORK_REPORT


def nudity_verdict(scores: NudityScores) -> str | None:
    """"artwork" (nudity in an artwork), "photo" (sexual content in a photograph) or None."""
    if scores.artwork:
        if scores.open_nsfw >= ARTWORK_REPORT:
            return "artwork"
        if not wants_squares(scores) or scores.squares is None:
            return None
        return "artwork" if scores.squares >= SQUARE_REPORT else None
    if scores.open_nsfw >= PHOTO_REPORT and scores.unsafe >= MIN_UNSAFE_AGREEMENT:
        return "photo"
    return None
