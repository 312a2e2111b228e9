"""The object search: every COCO class NanoDet-m scores, from the one run that also gives the
people, whose boxes and scores are those the person search gave on its own."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.sets import synthetic_scenes as scenes
from tests.fakes import engines
from vmscreen import FrameAnalyses
from vmscreen.analyses.objects import COCO_LABELS, SceneObject
from vmscreen.analyses.people import NanoDet
from vmscreen.analyses.people.nanodet import BINS, INPUT_SIDE, _decode_all
from vmscreen.media import media_from_array


class _Counting:
    """The real NanoDet, counting how often each of its searches runs."""

    name = "nanodet"

    def __init__(self) -> None:
        self.model = NanoDet(threads=1)
        self.runs = {"objects": 0, "people": 0}

    def detect_objects(self, rgb, scale=1.0):
        self.runs["objects"] += 1
        return self.model.detect_objects(rgb, scale)

    def detect(self, rgb, scale=1.0):
        self.runs["people"] += 1
        return self.model.detect(rgb, scale)


def _street() -> np.ndarray:
    rng = np.random.default_rng(4)
    scene = scenes.walker(scenes.landscape(rng, (640, 480)), rng, height=0.5, centre=0.4)
    return scenes.camera(scene, rng)


def test_coco_has_eighty_labels_with_the_screens_and_rooms_in_place():
    assert len(COCO_LABELS) == 80 and COCO_LABELS[0] == "person"
    assert (COCO_LABELS[62], COCO_LABELS[63], COCO_LABELS[67]) == ("tv", "laptop", "cell phone")
    assert (COCO_LABELS[59], COCO_LABELS[61], COCO_LABELS[71]) == ("bed", "toilet", "sink")


def test_every_class_is_decoded_with_its_own_box():
    scores = [np.zeros((1, (INPUT_SIDE // s) ** 2, 80), np.float32) for s in (8, 16, 32)]
    distances = [np.zeros((1, (INPUT_SIDE // s) ** 2, 4 * BINS), np.float32) for s in (8, 16, 32)]
    cell = 7 * (INPUT_SIDE // 16) + 5
    scores[1][0, cell, 0] = 0.9
    scores[1][0, cell, 62] = 0.7  # a tv in the same cell
    scores[2][0, 3, 2] = 0.2  # a car under the threshold
    boxes, score, classes = _decode_all(scores, distances, 0.5)
    assert [COCO_LABELS[c] for c in classes] == ["person", "tv"]
    assert score.tolist() == pytest.approx([0.9, 0.7])
    assert boxes[0].tolist() == boxes[1].tolist()


def test_people_come_from_the_one_object_search_and_match_the_person_search():
    counting = _Counting()
    frame = media_from_array(_street()).frame(0)
    analyses = FrameAnalyses(frame, engines(people=counting, objects=counting))
    objects, people = analyses.objects(), analyses.people()
    assert counting.runs == {"objects": 1, "people": 0}
    assert all(isinstance(thing, SceneObject) for thing in objects)
    assert [(p.box, p.score) for p in people] == [
        (o.box, o.score) for o in objects if o.label == "person"]
    alone = FrameAnalyses(frame, engines(people=NanoDet(threads=1)))  # its own person search
    assert alone.people() == people
    (walker,) = [p for p in people if p.score >= 0.6]
    assert walker.height == pytest.approx(0.5 * 480, abs=25)


def test_a_replaced_person_model_is_still_asked_for_people():
    counting = _Counting()
    frame = media_from_array(_street()).frame(0)
    analyses = FrameAnalyses(frame, engines(people=counting))
    analyses.people()
    assert counting.runs == {"objects": 0, "people": 1}


def test_the_share_of_the_frame_a_box_covers_is_clipped_to_the_frame():
    screen = SceneObject((-50.0, 0.0, 50.0, 100.0), 0.8, "tv")
    assert screen.area_share(100, 100) == pytest.approx(0.5)
