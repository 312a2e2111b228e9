"""Finding and Box: validated, frozen, hashable, and unchanged by a trip through JSON."""

from __future__ import annotations

import dataclasses
import json

import pytest

from vmscreen import Box, Category, Finding
from vmscreen.findings import redacted_hash


def _finding(**overrides):
    fields = dict(code="PAN101", name="card-number", category=Category.SENSITIVE_ID,
                  detector="cards", score=0.93, message="a card number (Visa, ending 1111)",
                  box=Box(10, 20, 110, 80), evidence={"scheme": "visa", "last4": "1111"},
                  frame=2)
    fields.update(overrides)
    return Finding(**fields)


def test_round_trip_through_json_is_exact():
    for finding in (_finding(), _finding(box=None, evidence={}, frame=None),
                    _finding(evidence={"ok": True, "n": 3, "ratio": 0.5, "none": None})):
        again = Finding.from_dict(json.loads(json.dumps(finding.to_dict())))
        assert again == finding
        assert hash(again) == hash(finding)


def test_frozen_and_equal_findings_hash_equal():
    a, b = _finding(), _finding(evidence={"last4": "1111", "scheme": "visa"})  # other key order
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.score = 0.1


@pytest.mark.parametrize("overrides", [
    {"code": "pan101"}, {"code": "P101"}, {"code": "PAN1011"},
    {"name": "Card Number"}, {"name": "card_number"},
    {"score": 1.01}, {"score": -0.1},
    {"category": "faces"},
    {"frame": -1},
])
def test_invalid_fields_are_refused(overrides):
    with pytest.raises(ValueError):
        _finding(**overrides)


def test_evidence_must_be_json_scalars():
    with pytest.raises(TypeError):
        _finding(evidence={"digits": [4, 1, 1, 1]})
    with pytest.raises(ValueError):
        _finding(evidence={"ratio": float("nan")})


def test_box_validation_and_size():
    box = Box.from_list([5, 6, 25, 16])
    assert (box.width, box.height) == (20, 10)
    with pytest.raises(ValueError):
        Box(10, 0, 5, 5)
    with pytest.raises(ValueError):
        Box.from_list([1, 2, 3])


def test_boxes_overlap_where_they_share_pixels_not_where_they_touch():
    box = Box(0, 0, 10, 10)
    assert box.shared_area(Box(5, 8, 20, 20)) == 10 and box.overlaps(Box(5, 8, 20, 20))
    assert box.shared_area(Box(2, 2, 4, 4)) == 4  # one inside the other
    assert box.shared_area(Box(10, 0, 20, 10)) == 0 and not box.overlaps(Box(10, 0, 20, 10))
    assert not box.overlaps(Box(30, 30, 40, 40))


def test_redacted_hash_is_stable_and_does_not_contain_the_value():
    value = "Alex Example"
    assert redacted_hash(value) == redacted_hash(value) != redacted_hash("Alex Exampl")
    assert "Alex" not in redacted_hash(value)
