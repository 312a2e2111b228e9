"""Other people whose faces are not seen: a person's figure with no face found in its head.

A person whose face was found is left to the faces detector, which judges the face (FAC101 or
FAC102). A person seen from behind, in a mask, or with the face hidden or cut off can still be
recognised by someone who knows them when the figure is large in the frame, so a figure at
least a third of the frame's height is sent to review (PER101); a smaller one is a distant
figure (PER102), reported and accepted, like the tiny figures on a distant beach. Figures on an
identity document belong to the document (IDD102).
"""

from __future__ import annotations

from collections.abc import Iterable

from vmscreen.analyses import CONFIDENT_FACE_SCORE, Person, off_document
from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Category, CodeInfo, Cover, Finding

NAME = "people"
# NanoDet-m's person score on the real set: no image without a person reaches 0.6 (a cat
# filling the frame scored 0.56), while 70% of the images with people do.
MIN_PERSON_SCORE = 0.6
PROMINENT_SHARE = 1 / 3  # of the frame's height
MAX_PEOPLE = 100

FACELESS = CodeInfo(
    "PER101", "person-without-visible-face", Category.OTHER_PEOPLE,
    "A person large in the frame whose face is not seen.",
    "A person's figure at least a third of the frame's height, with no face found where the "
    "head should be: seen from behind, masked, the face hidden or cut off by the frame. Such a "
    "figure can still be recognised by someone who knows the person (build, hair, clothes, "
    "place), and a face the detector missed is possible, so the default policy sends it to "
    "review. A person whose face was found is reported through that face (FAC101, FAC102) "
    "instead. The score is the person detector's confidence (NanoDet-m); evidence gives the "
    "figure's share of the frame's height.",
    cover=Cover.BLUR,
)
DISTANT = CodeInfo(
    "PER102", "distant-person", Category.OTHER_PEOPLE,
    "A small, distant figure with no face seen.",
    "A person's figure under a third of the frame's height with no face found: a passer-by in "
    "a street, a crowd on a distant beach. Too small to single out; reported so that a "
    "reviewer or a redaction can see it, and accepted by the default policy.",
    cover=Cover.BLUR,
)


def _finding(person: Person, width: int, height: int) -> Finding:
    share = round(person.height / height, 3)
    box = person.pixel_box(width, height)
    score = round(person.score, 3)
    evidence = {"frame_share": share, "height_px": round(person.height)}
    if share >= PROMINENT_SHARE:
        return FACELESS.finding(NAME, score, f"a person {share:.0%} of the frame's height "
                                "whose face is not seen", box=box, evidence=evidence)
    return DISTANT.finding(NAME, score, f"a distant figure, {share:.0%} of the frame's height",
                           box=box, evidence=evidence)


class PeopleDetector:
    info = DetectorInfo(
        name=NAME,
        version="1.1.0",
        codes=(FACELESS, DISTANT),
        licence="Apache-2.0",
        time_budget_s=60.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        frame, analyses = subject.frame, subject.analyses
        people = [person for person in analyses.people() if person.score >= MIN_PERSON_SCORE]
        if not people:
            return []
        faces = [face for face in analyses.faces() if face.score >= CONFIDENT_FACE_SCORE]
        people = [person for person in people
                  if not any(person.holds_head(*face.centre) for face in faces)]
        if not people:
            return []
        # Figures on an identity document belong to the document (IDD102).
        people = off_document(people, analyses.document())
        people = sorted(people, key=lambda person: -person.height)[:MAX_PEOPLE]
        return [_finding(person, frame.width, frame.height) for person in people]
