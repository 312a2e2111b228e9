"""What the objects in a room say about the kind of place it is.

Two sources. The ImageNet classifier (EfficientNet-Lite0) answers how likely the picture is to
show a bathtub, a shower curtain, a toilet seat, a washbasin or a medicine chest (a bathroom),
or a four-poster, a quilt or a mosquito net (a bedroom): their summed probability. On
../shared/datasets/private the bathroom classes summed 0.2 or more on 16 of 18 bathrooms and 4
of 4 showers, and at most 0.16 on the 46 other rooms (kitchens, salons, laundromats, bedrooms)
and 0.08 on the 219 real photos that are not private; the bed classes 0.4 or more on 5 of 10
bedrooms and at most 0.28 elsewhere (a living room's sofa bed). A row of metal lockers looks
like a safe to it (ventilated steel doors with handles): "safe" reached 0.24 and 0.68 on 2 of the
8 locker rooms, and at most 0.015 on the 82 other rooms, 0.011 on the 221 real photos and 0.008
on the 43 artworks, so from 0.2 it is a changing room, sent to a person.

The object search (NanoDet-m, COCO classes) sees toilets, sinks, toothbrushes, hair driers and
beds, and the things of a kitchen. A toilet is a bathroom; a sink is one only away from a
kitchen's refrigerator, oven, microwave or toaster, and then only partly (a utility room, a
salon); a toothbrush or a hair drier beside either makes it surer. A bed filling a good part of
the frame is a bedroom. Measured on ../shared/datasets/private (benchmarks): at 0.45 and over a
toilet was a bathroom every time; at 0.35-0.45 alone, it was a bathroom once and twice not (a
pill bottle, a crowd).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vmscreen.rules.place_kinds import PlaceKind

SURE_TOILET = 0.45  # the object score from which a toilet alone is a bathroom
SURE_SINK = 0.45
SURE_BED = 0.45
MIN_BED_AREA = 0.15  # of the frame: a bed in the distance is a furniture shop or a hotel lobby
KITCHEN = ("refrigerator", "oven", "microwave", "toaster")
# ImageNet-1k classes (index: name) and the shares of probability that count.
BATHROOM_CLASSES = {435: "bathtub", 794: "shower curtain", 861: "toilet seat", 896: "washbasin",
                    648: "medicine chest", 999: "toilet tissue", 804: "soap dispenser",
                    876: "tub", 434: "bath towel"}
BEDROOM_CLASSES = {564: "four-poster", 750: "quilt", 669: "mosquito net"}
LOCKER_CLASSES = {771: "safe"}
SURE_BATHROOM_SHARE = 0.5
BATHROOM_SHARE = 0.2
BEDROOM_SHARE = 0.4
LOCKER_SHARE = 0.2
LOCKER_SCORE = 0.6  # reported, reviewed: a school corridor has lockers too
BATHROOM_THINGS = ("toothbrush", "hair drier")


@dataclass(frozen=True)
class ClassShares:
    """The summed ImageNet probabilities of the bathroom and the bedroom classes, and the
    likeliest class of each (its name); and the locker classes' (a safe's)."""

    bathroom: float
    bedroom: float
    bathroom_class: str
    bedroom_class: str
    locker: float


@dataclass(frozen=True)
class SeenObject:
    label: str
    score: float
    area: float  # share of the frame


@dataclass(frozen=True)
class ObjectCue:
    """The kind of place some objects point to, how surely, and which objects did."""

    kind: PlaceKind
    score: float
    labels: tuple[str, ...]


def _best(objects: list[SeenObject], label: str) -> float:
    return max((o.score for o in objects if o.label == label), default=0.0)


def object_cues(objects: Iterable[SeenObject]) -> tuple[ObjectCue, ...]:
    """The places the objects point to (at most one cue per kind)."""
    seen = list(objects)
    toilet, sink = _best(seen, "toilet"), _best(seen, "sink")
    things = tuple(label for label in BATHROOM_THINGS if _best(seen, label))
    kitchen = any(_best(seen, label) for label in KITCHEN)
    cues: list[ObjectCue] = []
    if toilet:
        together = bool(sink or things)
        # An unsure toilet alone was a pill bottle and a crowd on the benchmark: it stays under
        # the detector's reporting score (0.5) and only strengthens other evidence.
        score = 0.9 if toilet >= SURE_TOILET or together else 0.4
        cues.append(ObjectCue(PlaceKind.BATHROOM, score,
                              ("toilet", *(("sink",) if sink else ()), *things)))
    elif sink >= SURE_SINK and not kitchen:
        cues.append(ObjectCue(PlaceKind.BATHROOM, 0.75 if things else 0.6, ("sink", *things)))
    bed = max((o.score for o in seen if o.label == "bed" and o.area >= MIN_BED_AREA),
              default=0.0)
    if bed >= SURE_BED:
        cues.append(ObjectCue(PlaceKind.BEDROOM, 0.7, ("bed",)))
    return tuple(cues)


def class_cues(shares: ClassShares) -> tuple[ObjectCue, ...]:
    """The places the ImageNet classes point to (at most one cue per kind)."""
    cues: list[ObjectCue] = []
    if shares.bathroom >= BATHROOM_SHARE:
        score = 0.9 if shares.bathroom >= SURE_BATHROOM_SHARE else 0.7
        cues.append(ObjectCue(PlaceKind.BATHROOM, score, (shares.bathroom_class,)))
    if shares.bedroom >= BEDROOM_SHARE:
        cues.append(ObjectCue(PlaceKind.BEDROOM, 0.7, (shares.bedroom_class,)))
    if shares.locker >= LOCKER_SHARE:
        cues.append(ObjectCue(PlaceKind.CHANGING_ROOM, LOCKER_SCORE, ("lockers",)))
    return tuple(cues)
