"""YuNet through onnxruntime: the same faces as OpenCV's own FaceDetectorYN, landmarks in order."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from benchmarks.sets import synthetic_documents as docs
from vmscreen.analyses.faces import YuNet
from vmscreen.models import YUNET, models_used


@pytest.fixture(scope="module")
def model() -> YuNet:
    return YuNet(threads=1)


def _sitter(seed: int, size=(640, 640)) -> np.ndarray:
    """A drawn head and shoulders on a plain 640 x 640 background."""
    canvas = Image.new("RGB", size, (205, 210, 215))
    canvas.paste(docs.portrait((300, 380), np.random.default_rng(seed)), (170, 130))
    return np.asarray(canvas)


def test_a_drawn_face_is_found_with_its_box_and_landmarks_in_order(model):
    (face,) = model.detect(_sitter(0))
    assert face.score >= 0.6
    x0, y0, x1, y1 = face.box
    assert 170 < x0 < x1 < 470 and 130 < y0 < y1 < 510  # inside the pasted portrait
    right_eye, left_eye, nose, right_mouth, left_mouth = face.landmarks
    assert right_eye[0] < nose[0] < left_eye[0]  # the subject's right eye is on the image's left
    assert max(right_eye[1], left_eye[1]) < nose[1] < min(right_mouth[1], left_mouth[1])
    assert face.eye_distance > 20


def test_no_face_in_a_blank_image(model):
    assert model.detect(np.full((480, 640, 3), 128, np.uint8)) == []


@pytest.mark.parametrize("seed", [0, 2, 4])
def test_decoding_matches_opencv_face_detector_yn(model, seed):
    image = _sitter(seed)
    reference = cv2.FaceDetectorYN.create(str(YUNET.verified()), "", (640, 640), 0.6, 0.3, 5000)
    _, rows = reference.detect(np.ascontiguousarray(image[:, :, ::-1]))
    (face,) = model.detect(image)
    (row,) = rows
    assert np.allclose(face.box, [row[0], row[1], row[0] + row[2], row[1] + row[3]], atol=1.0)
    assert np.allclose(np.array(face.landmarks).reshape(-1), row[4:14], atol=1.0)
    assert face.score == pytest.approx(float(row[14]), abs=0.01)


@pytest.mark.parametrize("size", [(1280, 852), (1000, 600)])
def test_any_input_size_matches_opencv_at_that_size(model, size):
    # OpenCV runs the model at the size it is given, padded to a multiple of 32; so does the
    # model's dynamic declaration (tools/yunet_dynamic.py), and every face must come back the
    # same, in a row of heads that reaches the padding.
    canvas = Image.new("RGB", size, (205, 210, 215))
    for seed, x in enumerate(range(20, size[0] - 150, 260)):
        canvas.paste(docs.portrait((150, 190), np.random.default_rng(seed)), (x, 300))
    image = np.asarray(canvas)
    reference = cv2.FaceDetectorYN.create(str(YUNET.verified()), "", size, 0.6, 0.3, 5000)
    _, rows = reference.detect(np.ascontiguousarray(image[:, :, ::-1]))
    faces = sorted(model.detect(image, side=max(size)), key=lambda face: face.box[0])
    assert len(faces) == len(rows) >= 4
    for face, row in zip(faces, sorted(rows.tolist()), strict=True):
        assert np.allclose(face.box, [row[0], row[1], row[0] + row[2], row[1] + row[3]],
                           atol=1.0)
        assert face.score == pytest.approx(row[14], abs=0.01)


def test_offset_and_scale_place_a_view_in_the_full_frame(model):
    image = _sitter(0)
    (plain,) = model.detect(image)
    (placed,) = model.detect(image, offset=(1000.0, 500.0), scale=0.5)
    assert placed.box == pytest.approx((plain.box[0] * 2 + 1000, plain.box[1] * 2 + 500,
                                        plain.box[2] * 2 + 1000, plain.box[3] * 2 + 500))


def test_each_run_is_noted_with_the_manifest_s_hash(model):
    with models_used() as ran:
        model.detect(_sitter(0))
    assert ran == {YUNET.ref} and YUNET.ref.sha256 == YUNET.sha256
    assert YUNET.verified().name == "face_detection_yunet_2023mar_dynamic.onnx"
