"""Sexual content: Yahoo's open_nsfw score of each frame, from the frame's shared analyses.

open_nsfw answers one probability that an image is not safe for work. Yahoo's guidance reads
scores below 0.2 as likely safe and above 0.8 as very likely NSFW. vmscreen reports a score from
0.5, where the model rates NSFW more likely than not; the default policy sends 0.5 to 0.8 to a
person and rejects from 0.8. On the real labelled set (no nudity; many people in sportswear and
evening wear) the median score is 0.003 and one visual image of 213 reaches 0.5.
"""

from __future__ import annotations

from collections.abc import Iterable

from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Category, CodeInfo, Finding

NAME = "sexual-content"
REPORT_FROM = 0.5

NSFW_SCORE = CodeInfo(
    "SEX101", "nsfw-score", Category.SEXUAL_CONTENT,
    "The image is rated not safe for work.",
    "Yahoo's open_nsfw classifier, run with its reference preprocessing, rates the image (each "
    "frame of an animation, each page) as likely to show nudity or sexual content. The "
    "contributor policy excludes nudity, pornography and sexual acts. Reported from 0.5, where "
    "the model rates NSFW more likely than not; the default policy sends 0.5 to 0.8 to review, "
    "where the model is unsure, and rejects from 0.8, Yahoo's own mark for 'very likely NSFW'. "
    "On the real labelled set (no nudity, many people in sportswear) one image of 213 reached "
    "0.5. The score is the model's NSFW probability."
)


class SexualContentDetector:
    info = DetectorInfo(
        name=NAME,
        version="1.1.0",
        codes=(NSFW_SCORE,),
        licence="Apache-2.0",
        time_budget_s=60.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        score = subject.analyses.nsfw()
        if score < REPORT_FROM:
            return []
        return [NSFW_SCORE.finding(NAME, round(score, 3), f"rated NSFW at {score:.2f}",
                                   evidence={"nsfw": round(score, 3)})]
