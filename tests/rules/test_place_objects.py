"""What the objects in a room say: a toilet is a bathroom, a sink only away from a kitchen, a
large bed a bedroom."""

from __future__ import annotations

from vmscreen.rules.place_kinds import PlaceKind
from vmscreen.rules.place_objects import ObjectCue, SeenObject, object_cues


def _cues(*objects: tuple[str, float, float]) -> tuple[ObjectCue, ...]:
    return object_cues(SeenObject(label, score, area) for label, score, area in objects)


def test_a_sure_toilet_is_a_bathroom():
    assert _cues(("toilet", 0.6, 0.05)) == (ObjectCue(PlaceKind.BATHROOM, 0.9, ("toilet",)),)


def test_an_unsure_toilet_is_weak_unless_a_sink_or_a_toothbrush_is_beside_it():
    assert _cues(("toilet", 0.4, 0.1))[0].score == 0.4  # under the detector's report score
    assert _cues(("toilet", 0.4, 0.1), ("sink", 0.36, 0.05))[0].score == 0.9
    assert _cues(("toilet", 0.4, 0.1), ("toothbrush", 0.4, 0.01))[0].labels == (
        "toilet", "toothbrush")


def test_a_sink_is_a_bathroom_only_away_from_a_kitchen():
    assert _cues(("sink", 0.5, 0.1)) == (ObjectCue(PlaceKind.BATHROOM, 0.6, ("sink",)),)
    assert _cues(("sink", 0.5, 0.1), ("hair drier", 0.4, 0.01))[0].score == 0.75
    assert _cues(("sink", 0.5, 0.1), ("refrigerator", 0.4, 0.2)) == ()
    assert _cues(("sink", 0.4, 0.1)) == ()  # an unsure sink alone says nothing


def test_a_bed_filling_the_frame_is_a_bedroom_and_a_distant_one_is_not():
    assert _cues(("bed", 0.6, 0.4)) == (ObjectCue(PlaceKind.BEDROOM, 0.7, ("bed",)),)
    assert _cues(("bed", 0.6, 0.05)) == ()
    assert _cues(("chair", 0.9, 0.3), ("dining table", 0.8, 0.3)) == ()
