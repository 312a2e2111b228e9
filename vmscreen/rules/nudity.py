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
  bronze statues (Michelangelo's David, Rodin's Thinker) that open_nsfw rates 0.00 and 0.02.
"""

from __future__ import annotations

from dataclasses import dataclass

PHOTO_REPORT = 0.5
MIN_UNSAFE_AGREEMENT = 0.05
ARTWORK_REPORT = 0.15


@dataclass(frozen=True)
class NudityScores:
    """The classifiers' scores for one picture."""

    open_nsfw: float  # open_nsfw's NSFW probability
    unsafe: float  # nsfwjs's hentai + porn + sexy
    artwork: bool  # the picture is an artwork (vmscreen.rules.artwork)


def nudity_verdict(scores: NudityScores) -> str | None:
    """"artwork" (nudity in an artwork), "photo" (sexual content in a photograph) or None."""
    if scores.artwork:
        return "artwork" if scores.open_nsfw >= ARTWORK_REPORT else None
    if scores.open_nsfw >= PHOTO_REPORT and scores.unsafe >= MIN_UNSAFE_AGREEMENT:
        return "photo"
    return None
