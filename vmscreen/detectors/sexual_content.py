"""Sexual content: two classifiers' scores of each frame, read by whether the frame is an
artwork, from the frame's shared analyses.

open_nsfw (Yahoo) answers one probability that an image is not safe for work; nsfwjs (Infinite
Red) answers five classes, of which hentai, porn and sexy are the unsafe ones. A photograph is
reported when open_nsfw reaches 0.5 and nsfwjs agrees; an artwork (a painting, a drawing, a
photographed sculpture: vmscreen.rules.artwork) from a far lower open_nsfw score, since a model
trained on photographs rates painted nudes low, and under its own code, which the default
policy sends to a person. The rule and its calibration are vmscreen.rules.nudity.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Category, CodeInfo, EvidenceValue, Finding
from vmscreen.rules.nudity import NEAR_MISS, NudityScores, nudity_verdict, wants_squares

NAME = "sexual-content"

NSFW_SCORE = CodeInfo(
    "SEX101", "nsfw-score", Category.SEXUAL_CONTENT,
    "The image is rated not safe for work.",
    "Yahoo's open_nsfw classifier, run with its reference preprocessing, rates the image (each "
    "frame of an animation, each page) as likely to show nudity or sexual content, and "
    "nsfwjs's classifier agrees (it gives its hentai, porn and sexy classes together 0.05 or "
    "more). The contributor policy excludes nudity, pornography and sexual acts. Reported "
    "from 0.5, where open_nsfw rates NSFW more likely than not; the default policy sends 0.5 "
    "to 0.8 to review, where the model is unsure, and rejects from 0.8, Yahoo's own mark for "
    "'very likely NSFW'. On the real labelled set (no nudity, many people in sportswear) two "
    "images reach 0.5 with open_nsfw alone and none with both models. The score is "
    "open_nsfw's probability; evidence gives both models' scores."
)
ARTWORK_NUDITY = CodeInfo(
    "SEX102", "artwork-nudity", Category.SEXUAL_CONTENT,
    "An artwork that may depict nudity: a painting, drawing or sculpture.",
    "The picture is an artwork rather than a photograph of the scene (nsfwjs reads it as a "
    "drawing or painting at 0.6 or more, or ImageNet's pedestal class reaches 0.15 under a "
    "statue), and open_nsfw rates it 0.15 or more, or rates it 0.1 or more and one of three "
    "undistorted squares along its long side 0.5 or more. open_nsfw was trained on "
    "photographs and rates painted and sculpted nudes low (Manet's Olympia 0.34; "
    "Botticelli's Venus 0.12 whole, squashed into a square by its reference pipeline, and "
    "0.60 in its middle square), while no clothed artwork of the art set reaches 0.1. The "
    "contributor policy excludes imagery depicting nudity, but a museum's paintings and "
    "statues are not pornography: the default policy sends them to a person. The score is "
    "open_nsfw's probability; evidence gives both models' scores, the squares' highest where "
    "they were rated, and the artwork cues."
)


def _evidence(scores: NudityScores, drawing: float) -> dict[str, EvidenceValue]:
    evidence: dict[str, EvidenceValue] = {
        "open_nsfw": round(scores.open_nsfw, 3), "nsfwjs_unsafe": round(scores.unsafe, 3),
        "nsfwjs_drawing": round(drawing, 3)}
    if scores.squares is not None:
        evidence["open_nsfw_squares"] = round(scores.squares, 3)
    return evidence


class SexualContentDetector:
    info = DetectorInfo(
        name=NAME,
        version="1.3.0",
        codes=(NSFW_SCORE, ARTWORK_NUDITY),
        licence="Apache-2.0",
        time_budget_s=60.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        analyses = subject.analyses
        score = analyses.nsfw()
        if score < NEAR_MISS:  # nothing either rule could report: no second model run
            return []
        pictures = analyses.picture_classes()
        artwork = analyses.artwork()
        scores = NudityScores(score, pictures.unsafe, artwork.kind is not None)
        if wants_squares(scores):
            scores = replace(scores, squares=analyses.nsfw_squares())
        verdict = nudity_verdict(scores)
        evidence = _evidence(scores, pictures.drawing)
        if verdict == "photo":
            return [NSFW_SCORE.finding(NAME, round(score, 3), f"rated NSFW at {score:.2f}",
                                       evidence=evidence)]
        if verdict == "artwork" and artwork.kind is not None:
            evidence.update(pedestal=round(artwork.cues.pedestal, 3), artwork=artwork.kind.value)
            rated = (f"rated {score:.2f}" if scores.squares is None
                     else f"rated {score:.2f}, {scores.squares:.2f} in an undistorted square")
            return [ARTWORK_NUDITY.finding(
                NAME, round(score, 3), f"a {artwork.kind.value} that may depict nudity "
                f"({rated})", evidence=evidence)]
        return []
