"""The identifiability rule on measures alone: each reason, at its threshold."""

from __future__ import annotations

import pytest

from vmscreen.rules.identifiability import FaceMeasures, assess

CLEAR = FaceMeasures(height_px=120, view_height_px=120, frame_share=0.2, sharpness=0.4,
                     mosaic_block=0, yaw=0.2)


def _with(**changes: float) -> FaceMeasures:
    return FaceMeasures(**{**CLEAR.__dict__, **changes})


def test_a_clear_face_is_identifiable_and_keeps_its_measures():
    judged = assess(CLEAR)
    assert judged.identifiable and judged.reasons == ()
    assert (judged.height_px, judged.frame_share, judged.sharpness, judged.yaw) == (
        120, 0.2, 0.4, 0.2)


@pytest.mark.parametrize(("changes", "reason"), [
    ({"height_px": 31, "view_height_px": 31}, "too-small"),
    ({"frame_share": 0.019}, "too-small"),
    ({"sharpness": 0.019}, "blurred"),
    ({"mosaic_block": 8}, "pixelated"),  # 8 px blocks on a 120 px face: a sixteenth is 7.5
    ({"yaw": 2.01}, "turned-away"),
])
def test_each_reason_from_its_threshold(changes, reason):
    assert assess(_with(**changes)).reasons == (reason,)


def test_just_inside_every_threshold_is_still_identifiable():
    edge = _with(height_px=32, view_height_px=32, frame_share=0.02, sharpness=0.02,
                 mosaic_block=1, yaw=2.0)
    assert assess(edge).identifiable


def test_blur_is_judged_only_where_the_face_has_the_pixels_to_show_it():
    small = _with(height_px=50, view_height_px=50, sharpness=0.0)
    assert "blurred" not in assess(small).reasons  # a small face is soft anyway
    seen_small = _with(height_px=400, view_height_px=40, sharpness=0.0)
    assert "blurred" not in assess(seen_small).reasons  # measured on a view too small to tell
