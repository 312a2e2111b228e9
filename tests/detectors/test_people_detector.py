"""The people detector end to end: a large figure whose face is not seen goes to review, a
distant one is reported and accepted, and a person whose face was found is left to that face."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.sets import synthetic_scenes as scenes
from tests.fakes import engines, subject
from vmscreen import Decision
from vmscreen.analyses import Face
from vmscreen.detectors.people import PeopleDetector
from vmscreen.media import media_from_array


def _street(seed: int, height: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    scene = scenes.walker(scenes.landscape(rng, (640, 480)), rng, height=height, centre=0.4)
    return scenes.camera(scene, rng)


def _people(result):
    return [f for f in result.findings if f.detector == "people"]


def test_a_figure_seen_from_behind_large_in_the_frame_goes_to_review(screener):
    result = screener.screen(_street(4, height=0.5))
    (person,) = _people(result)
    assert person.code == "PER101" and person.category.value == "other-people"
    assert person.evidence_dict["frame_share"] == pytest.approx(0.5, abs=0.05)
    x0, y0, x1, y1 = person.box.to_list()
    assert x0 < 256 < x1 and y0 < 240 < y1
    assert result.decision is Decision.REVIEW
    assert [r.code for r in result.reasons if r.decision is Decision.REVIEW] == ["PER101"]


def test_a_distant_figure_is_reported_and_accepted(screener):
    result = screener.screen(_street(1, height=0.2))
    (person,) = _people(result)
    assert person.code == "PER102" and person.evidence_dict["frame_share"] < 1 / 3
    assert result.decision is Decision.ACCEPT


class _FaceAt:
    """A face model that answers one fixed face: the association rule under test is the
    people detector's, not the face model's."""

    name = "fixed"
    min_score = 0.6

    def __init__(self, centre: tuple[float, float]) -> None:
        self.centre = centre

    def detect(self, rgb, offset=(0.0, 0.0), scale=1.0, side=640, min_score=None):
        (x, y), half = self.centre, 12
        box = (x - half, y - half, x + half, y + half)
        marks = ((x - 5, y - 3), (x + 5, y - 3), (x, y), (x - 4, y + 5), (x + 4, y + 5))
        return [Face(box, marks, 0.9)]


@pytest.mark.parametrize(("face_at", "expected"), [
    ((256, 232), []),  # on the head: the face speaks for the person
    ((256, 400), ["PER101"]),  # at the feet: not this person's face
    ((600, 100), ["PER101"]),  # elsewhere in the frame
])
def test_a_person_whose_head_holds_a_face_is_left_to_the_face(face_at, expected):
    media = media_from_array(_street(4, height=0.5))
    found = PeopleDetector().detect(subject(media, engines(faces=_FaceAt(face_at))))
    assert [f.code for f in found] == expected


def test_nothing_to_report_in_an_empty_landscape(screener):
    rng = np.random.default_rng(3)
    empty = scenes.camera(scenes.landscape(rng, (640, 480)), rng)
    assert _people(screener.screen(empty)) == []
