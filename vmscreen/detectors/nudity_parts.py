"""Exposed body parts, boxed, from NudeNet 320n: the optional `vmscreen[nudenet]` extra.

NudeNet's code and weights are AGPL-3.0, so this detector exists only where that extra is
installed (installing it is the opt-in). It adds boxes to open_nsfw's whole-image score, so a
redaction can fill them, and it counts only where open_nsfw rates the image 0.2 or more. Only
exposed genitalia, anus, female breasts and buttocks count, each from its own threshold of at
least 0.5: a clothed person scored 0.38 for an exposed class in NudeNet's own tests, and bare
bellies, feet, armpits and male chests are everyday sportswear.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.util import find_spec

from vmscreen.detectors.base import DetectorInfo, DetectorUnavailable, Subject
from vmscreen.findings import Category, CodeInfo, Finding

NAME = "nudity-parts"
# Parts count only where open_nsfw sees some risk too (Yahoo: below 0.2 is likely safe): on its
# own, NudeNet read a colour wheel as exposed buttocks at 0.83.
CORROBORATION = 0.2
THRESHOLDS = {
    "FEMALE_GENITALIA_EXPOSED": 0.5,
    "MALE_GENITALIA_EXPOSED": 0.5,
    "ANUS_EXPOSED": 0.5,
    "FEMALE_BREAST_EXPOSED": 0.6,
    "BUTTOCKS_EXPOSED": 0.6,
}

EXPOSED_PART = CodeInfo(
    "NUD101", "exposed-body-part", Category.SEXUAL_CONTENT,
    "An exposed intimate body part is boxed (NudeNet, optional extra).",
    "NudeNet's 320n detector (AGPL-3.0, installed only with the vmscreen[nudenet] extra) boxes "
    "an exposed intimate body part: genitalia or anus from a score of 0.5, female breasts or "
    "buttocks from 0.6. Other classes it knows (bellies, feet, armpits, male chests, covered "
    "parts) are ignored: they are everyday sportswear and swimwear. A part counts only where "
    "open_nsfw rates the whole image 0.2 or more (alone, NudeNet read a colour wheel as "
    "exposed buttocks). The default policy sends a part to review and rejects from 0.7. "
    "Evidence: the part's class.",
)


class NudityPartsDetector:
    info = DetectorInfo(
        name=NAME,
        version="1.1.0",
        codes=(EXPOSED_PART,),
        licence="AGPL-3.0 (NudeNet; the optional vmscreen[nudenet] extra)",
        time_budget_s=60.0,
    )

    def __init__(self) -> None:
        if find_spec("nudenet") is None:  # the AGPL extra: installing it is the opt-in
            raise DetectorUnavailable("needs the optional extra: pip install 'vmscreen[nudenet]'")

    def detect(self, subject: Subject) -> Iterable[Finding]:
        analyses = subject.analyses
        if analyses.nsfw() < CORROBORATION:
            return []
        return [EXPOSED_PART.finding(NAME, round(part.score, 3),
                                     f"an exposed body part ({part.label.lower()})",
                                     box=part.pixel_box(subject.frame.width, subject.frame.height),
                                     evidence={"part": part.label.lower()})
                for part in analyses.body_parts()
                if part.score >= THRESHOLDS.get(part.label, 2.0)]
