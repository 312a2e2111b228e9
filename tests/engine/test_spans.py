"""One finding per run of sightings on consecutive samples, with its time span."""

from __future__ import annotations

from vmscreen.engine.spans import merge_spans
from vmscreen.findings import Box, Category, Finding


def _face(x: int, score: float = 0.9, last4: str | None = None) -> Finding:
    evidence = {"height_px": 40 + x % 7} if last4 is None else {"last4": last4}
    return Finding("FAC101", "identifiable-face", Category.OTHER_PEOPLE, "faces", score, "face",
                   box=Box(x, 10, x + 40, 50), evidence=evidence)


def test_a_face_moving_across_samples_is_one_finding_with_its_span():
    samples = [(t, [_face(int(t * 30), score=0.8 + t / 100)]) for t in (0.0, 1.0, 2.0, 3.0)]
    (merged,) = merge_spans(samples)
    assert (merged.time, merged.until, merged.score) == (0.0, 3.0, 0.83)
    assert merged.box == Box(0, 10, 130, 50)  # around every sighting, for a copy to cover


def test_something_that_jumped_between_samples_starts_a_span_of_its_own():
    samples = [(0.0, [_face(0)]), (1.0, [_face(200)])]
    assert [(f.time, f.box.x0) for f in merge_spans(samples)] == [(0.0, 0), (1.0, 200)]


def test_a_sighting_missed_on_one_sample_does_not_split_the_span():
    samples = [(0.0, [_face(10)]), (1.0, []), (2.0, [_face(12)]), (3.0, []), (4.0, []),
               (5.0, [_face(10)])]
    spans = merge_spans(samples)
    assert [(f.time, f.until) for f in spans] == [(0.0, 2.0), (5.0, None)]


def test_two_faces_far_apart_stay_two_findings():
    samples = [(t, [_face(0), _face(400)]) for t in (0.0, 1.0)]
    assert sorted(f.box.x0 for f in merge_spans(samples)) == [0, 400]


def test_different_card_numbers_are_not_merged():
    samples = [(0.0, [_face(0, last4="4444")]), (1.0, [_face(0, last4="1111")])]
    assert len(merge_spans(samples)) == 2


def test_pictures_without_a_time_are_never_merged():
    samples = [(None, [_face(0)]), (None, [_face(0)])]
    assert [f.until for f in merge_spans(samples)] == [None, None]
