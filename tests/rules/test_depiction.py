"""The depiction rule on measures alone: a photographed face stays a face; a flat drawing with
hard outlines, a nearly all-flat icon and a face with a near-identical twin are pictures."""

from __future__ import annotations

import pytest

from vmscreen.rules.depiction import DepictionMeasures, depiction, depictions

# A face photo as the real set measures one: shaded skin, soft edges, no twin.
PHOTO = DepictionMeasures(view_height_px=120, flat_share=0.2, edge_steepness=0.55,
                          twin_similarity=0.65)


def _with(**changes: float) -> DepictionMeasures:
    return DepictionMeasures(**{**PHOTO.__dict__, **changes})


def test_a_photographed_face_is_not_a_picture():
    assert depiction(PHOTO) is None


@pytest.mark.parametrize(("changes", "reason"), [
    ({"flat_share": 0.35, "edge_steepness": 0.7}, "drawing"),
    ({"flat_share": 0.65, "edge_steepness": 0.6}, "icon"),  # soft, anti-aliased outlines
    ({"flat_share": 0.8, "edge_steepness": 0.9}, "icon"),
    ({"twin_similarity": 0.8}, "printed-repeat"),
    # A printed repeat of a drawing is reported as the repeat: the stronger, simpler cue.
    ({"flat_share": 0.8, "edge_steepness": 0.9, "twin_similarity": 0.95}, "printed-repeat"),
])
def test_each_kind_of_picture_at_its_threshold(changes, reason):
    assert depiction(_with(**changes)) == reason


@pytest.mark.parametrize("changes", [
    # Flat but soft: a shaded drawing or a retouched photo cannot be told apart, so it stays.
    {"flat_share": 0.6, "edge_steepness": 0.69},
    {"flat_share": 0.8, "edge_steepness": 0.59},
    {"flat_share": 0.34, "edge_steepness": 0.95},
    # Hard edges on shaded skin: glasses, a sharp photo.
    {"flat_share": 0.2, "edge_steepness": 0.95},
    # Too small to judge: under 100 px a face's edges step sharply whatever it shows.
    {"view_height_px": 99, "flat_share": 0.8, "edge_steepness": 0.95},
    # Two photos of one person side by side (0.65 on the real set) are not copies.
    {"twin_similarity": 0.79},
    # Twins too small to compare.
    {"view_height_px": 20, "twin_similarity": 0.95},
])
def test_what_stays_a_face(changes):
    assert depiction(_with(**changes)) is None


def _repeat(height: float) -> DepictionMeasures:
    return _with(view_height_px=height, twin_similarity=0.9)


def test_a_face_among_three_printed_repeats_of_its_size_is_one_of_the_set():
    faces = [_repeat(100), _repeat(104), _repeat(98), _with(view_height_px=110),
             _with(view_height_px=200)]  # a person twice their size stays a person
    assert depictions(faces) == ["printed-repeat"] * 3 + ["printed-set", None]


def test_two_printed_repeats_are_no_set_and_a_crowd_has_none():
    assert depictions([_repeat(100), _repeat(101), _with(view_height_px=100)])[2] is None
    crowd = [_with(view_height_px=h) for h in (100, 102, 98, 101)]
    assert depictions(crowd) == [None] * 4
