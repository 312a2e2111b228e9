"""Private places seen in the picture itself: bathrooms and toilets, showers and changing rooms,
health locations, childcare rooms, places where photography is restricted, and bedrooms.

Four kinds of evidence, each weighed by a rule module:

- what the picture shows as ImageNet classes (EfficientNet-Lite0): the furniture of a bathroom
  (bathtub, shower curtain, toilet seat, washbasin) or a bedroom (four-poster, quilt), summed,
  and a locker room's lockers, which the classifier takes for a safe
  (``vmscreen.rules.place_objects``);
- the objects the object search finds (NanoDet-m's COCO classes, the run that finds people):
  a toilet, a sink away from a kitchen, a toothbrush, a bed (``vmscreen.rules.place_objects``);
- signage in the frame's text, in seven languages (``vmscreen.rules.place_signs``): "WC",
  "vestiaires", "Notaufnahme", "no photography";
- the operator's own scene model, when the policy names one (``[scene_model]``): its labels'
  probabilities, mapped onto the same kinds of place.

One finding per kind of place, scored by its strongest evidence (two independent kinds of
evidence add a little); its evidence names the objects, the entries of the sign list and the
model's label that led to it, never the text that was read. The box is the strongest evidence's,
shown to a reviewer and not covered in a copy: a bathroom with its toilet blacked out is still
a bathroom. Bedrooms have their own code, which the default policy accepts. A scene model the
policy names that cannot run (missing, another sha256) is an unscreened finding (UNS004) beside
what the other cues found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from vmscreen.analyses import FrameAnalyses
from vmscreen.analyses.scene_model import SceneModelError, private_places
from vmscreen.codes import DETECTOR_FAILED
from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Box, Category, CodeInfo, Cover, EvidenceValue, Finding
from vmscreen.media import Frame
from vmscreen.rules.place_kinds import PlaceKind
from vmscreen.rules.place_objects import (
    BATHROOM_CLASSES,
    BEDROOM_CLASSES,
    LOCKER_CLASSES,
    ClassShares,
    SeenObject,
    class_cues,
    object_cues,
)
from vmscreen.rules.place_signs import SUPPORT, find_signs

NAME = "private-scenes"
REPORT = 0.5  # weaker evidence is not reported
BOTH = 0.05  # added when two independent kinds of evidence agree
MAX_SCORE = 0.97

_P = Category.PRIVATE_PLACE
_SEEN = ("Evidence: the likeliest ImageNet class among a room's furniture (bathtub, shower "
         "curtain, washbasin; four-poster, quilt; lockers, seen as a safe), the objects the "
         "object search saw (toilet, sink, toothbrush, hair drier, bed), the entries of "
         "vmscreen's sign list that the frame's text matched (never the text itself), and the "
         "label of the operator's scene model where the policy names one. The box is the "
         "strongest evidence's; it is shown to the reviewer and not covered in a sanitised "
         "copy, since the place stays what it is.")
CODES: dict[PlaceKind, CodeInfo] = {
    PlaceKind.BATHROOM: CodeInfo(
        "PLC103", "bathroom-scene", _P, "The picture shows a bathroom or a toilet.",
        "Imagery of bathrooms and toilets is excluded. The furniture the ImageNet classifier "
        "sees (bathtub, shower curtain, toilet seat, washbasin), a toilet, a sink away from "
        "any kitchen (with a toothbrush or a hair drier, surer), signage ('WC', 'toilettes', "
        "'aseos'...) or the operator's scene model point to one. A toilet, a toilet sign or "
        "furniture the classifier is sure of rejects; a sink alone, or furniture it is less "
        "sure of, goes to review. " + _SEEN, cover=Cover.NONE),
    PlaceKind.CHANGING_ROOM: CodeInfo(
        "PLC104", "changing-room-scene", _P,
        "The picture shows a shower, a locker room or a changing room.",
        "Imagery of showers, locker rooms and changing rooms is excluded. Signage ('showers', "
        "'vestiaires', 'Umkleide', 'spogliatoio'...) or the operator's scene model point to "
        "one, and so does a row of lockers the ImageNet classifier takes for a safe (0.6, "
        "review: a school corridor has lockers too); the object search has no class for "
        "lockers or showers. " + _SEEN,
        cover=Cover.NONE),
    PlaceKind.HEALTH: CodeInfo(
        "PLC105", "health-location-scene", _P,
        "The picture shows a health location: a hospital ward, a clinic, a pharmacy.",
        "Imagery of health and wellness locations is excluded. Signage of a ward or a "
        "department ('ICU', 'urgences', 'pronto soccorso') rejects; that of a building or "
        "shop ('pharmacy', 'Apotheke', 'clinica') may be a street scene and goes to review. "
        + _SEEN, cover=Cover.NONE),
    PlaceKind.CHILDCARE: CodeInfo(
        "PLC106", "childcare-scene", _P, "The picture shows a childcare facility.",
        "Imagery of nurseries, creches and kindergartens is excluded. Signage ('nursery', "
        "'Kita', 'guarderia', 'asilo nido'...) or the operator's scene model point to one; a "
        "sign may be seen from the street, so it goes to review. " + _SEEN, cover=Cover.NONE),
    PlaceKind.RESTRICTED: CodeInfo(
        "PLC107", "photography-restricted-sign", _P,
        "A sign in the picture says photography is not allowed here.",
        "Imagery of places where photography is restricted is excluded, and the place says "
        "so: 'no photography', 'photos interdites', 'Fotografieren verboten', 'vietato "
        "fotografare'... " + _SEEN, cover=Cover.NONE),
    PlaceKind.BEDROOM: CodeInfo(
        "PLC108", "bedroom-scene", _P, "The picture shows a bedroom.",
        "A bed fills a good part of the frame, the ImageNet classifier sees a four-poster, a "
        "quilt or a mosquito net, or the operator's scene model sees a bedroom. "
        "A bedroom is a private home space, not one of the places the contributor clauses "
        "name: the default policy accepts it, and an operator's policy may choose otherwise. "
        + _SEEN, cover=Cover.NONE),
}


_PLACES = {PlaceKind.BATHROOM: "a bathroom or toilet",
           PlaceKind.CHANGING_ROOM: "a shower, locker or changing room",
           PlaceKind.HEALTH: "a health location", PlaceKind.CHILDCARE: "a childcare facility",
           PlaceKind.RESTRICTED: "a place where photography is restricted",
           PlaceKind.BEDROOM: "a bedroom"}


@dataclass
class _Evidence:
    """What points to one kind of place (built while a frame is looked at, then dropped)."""

    score: float = 0.0
    sources: set[str] = field(default_factory=set)
    classes: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    signs: list[str] = field(default_factory=list)
    model: str | None = None
    box: Box | None = None
    support: float = 0.0

    def add(self, source: str, score: float, box: Box | None) -> None:
        self.sources.add(source)
        if box is not None and (self.box is None or score > self.score):
            self.box = box  # the strongest evidence that has a place in the frame
        self.score = max(self.score, score)

    def final(self) -> float:
        if not self.score:
            return 0.0
        score = self.score + (BOTH if len(self.sources) > 1 else 0.0) + self.support
        return min(MAX_SCORE, score)


class PrivateSceneDetector:
    info = DetectorInfo(
        name=NAME,
        version="1.0.0",
        codes=tuple(CODES.values()),
        licence="Apache-2.0",
        time_budget_s=30.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        frame, analyses = subject.frame, subject.analyses
        if frame is None or analyses is None:
            return []
        places: dict[PlaceKind, _Evidence] = {}
        self._classes(analyses, places)
        self._objects(frame, analyses, places)
        self._signs(analyses, places)
        findings = []
        try:
            self._model(analyses, places)
        except SceneModelError as exc:
            # The other cues stand; what the operator's model would have seen is unscreened.
            findings.append(DETECTOR_FAILED.finding(
                NAME, 1.0, f"private-scenes detector: {exc}", evidence={"detector": NAME}))
        for kind, evidence in places.items():
            score = evidence.final()
            if score < REPORT:
                continue
            details: dict[str, EvidenceValue] = {"score": round(score, 3)}
            if evidence.classes:
                details["classes"] = ",".join(dict.fromkeys(evidence.classes))
            if evidence.objects:
                details["objects"] = ",".join(dict.fromkeys(evidence.objects))
            if evidence.signs:
                details["signs"] = ",".join(dict.fromkeys(evidence.signs))
            if evidence.model:
                details["scene_model"] = evidence.model
            seen = ", ".join(sorted(evidence.sources))
            findings.append(CODES[kind].finding(
                NAME, score, f"{_PLACES[kind]} seen in the picture ({seen})", box=evidence.box,
                evidence=details))
        return findings

    @staticmethod
    def _classes(analyses: FrameAnalyses, places: dict[PlaceKind, _Evidence]) -> None:
        classes = analyses.image_classes()
        shares = ClassShares(
            classes.share(BATHROOM_CLASSES), classes.share(BEDROOM_CLASSES),
            BATHROOM_CLASSES[classes.likeliest(BATHROOM_CLASSES)],
            BEDROOM_CLASSES[classes.likeliest(BEDROOM_CLASSES)], classes.share(LOCKER_CLASSES))
        for cue in class_cues(shares):
            evidence = places.setdefault(cue.kind, _Evidence())
            evidence.add("scene classes", cue.score, None)
            evidence.classes.extend(cue.labels)

    @staticmethod
    def _objects(frame: Frame, analyses: FrameAnalyses,
                 places: dict[PlaceKind, _Evidence]) -> None:
        found = analyses.objects()
        seen = [SeenObject(o.label, o.score, o.area_share(frame.width, frame.height))
                for o in found]
        for cue in object_cues(seen):
            first = next(o for o in found if o.label == cue.labels[0])
            evidence = places.setdefault(cue.kind, _Evidence())
            evidence.add("objects", cue.score, first.pixel_box(frame.width, frame.height))
            evidence.objects.extend(cue.labels)

    @staticmethod
    def _signs(analyses: FrameAnalyses, places: dict[PlaceKind, _Evidence]) -> None:
        # The reading leaves out a frame whose only text is one line, which is what a sign
        # is; the watermarks' second look reads such lines (and is shared, so costs nothing).
        lines = (*analyses.reading().lines, *analyses.overlay_text().lines)
        if not lines:
            return
        matches = find_signs(line.text for line in lines)
        for match in matches:
            if match.strength <= SUPPORT:
                continue
            evidence = places.setdefault(match.kind, _Evidence())
            evidence.add("signage", match.strength, lines[match.line].box)
            evidence.signs.append(match.entry)
        for match in matches:  # a supporting word counts only beside other evidence
            if match.strength <= SUPPORT and match.kind in places:
                evidence = places[match.kind]
                evidence.support = SUPPORT / 3
                evidence.signs.append(match.entry)

    @staticmethod
    def _model(analyses: FrameAnalyses, places: dict[PlaceKind, _Evidence]) -> None:
        model = analyses.engines.scene
        if model is None:
            return
        for score in private_places(analyses.scene(), model.spec.min_score):
            assert score.place is not None
            evidence = places.setdefault(score.place, _Evidence())
            evidence.add("scene model", score.score, None)
            evidence.model = evidence.model or score.label
