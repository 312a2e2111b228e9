"""Measures of a face taken from pixels (sharpness, mosaic, pose, size), judged by the
identifiability rule: the rule reads what the measures find on real drawn faces."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageFilter

from benchmarks.sets import synthetic_documents as docs
from vmscreen.analyses.faces import Face, YuNet
from vmscreen.analyses.faces.quality import measure, pixelation_block, yaw
from vmscreen.rules.identifiability import assess as judge


def assess(face: Face, grey: np.ndarray):
    return judge(measure(face, grey))


def _frontal(x: float, y: float, size: float, score: float = 0.9) -> Face:
    """A face box with the landmarks of a head facing the camera."""
    marks = ((x + 0.3 * size, y + 0.4 * size), (x + 0.7 * size, y + 0.4 * size),
             (x + 0.5 * size, y + 0.6 * size), (x + 0.35 * size, y + 0.8 * size),
             (x + 0.65 * size, y + 0.8 * size))
    return Face((x, y, x + size, y + size), marks, score)


def _drawn(blur: float = 0.0) -> tuple[Face, np.ndarray]:
    canvas = Image.new("RGB", (800, 800), (200, 205, 210))
    canvas.paste(docs.portrait((300, 380), np.random.default_rng(4)), (250, 200))
    if blur:
        canvas = canvas.filter(ImageFilter.GaussianBlur(blur))
    rgb = np.asarray(canvas)
    (face,) = YuNet(threads=1).detect(rgb)
    return face, cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


def test_a_large_sharp_frontal_face_is_identifiable():
    face, grey = _drawn()
    judged = assess(face, grey)
    assert judged.identifiable and judged.reasons == ()
    assert judged.height_px > 100 and judged.sharpness > 0.1 and judged.yaw < 0.5


def test_a_face_blurred_past_recognition_is_not():
    face, grey = _drawn(blur=6)
    assert assess(face, grey).reasons == ("blurred",)


def test_a_mosaic_over_the_face_is_found_and_hides_it():
    face, grey = _drawn()
    x0, y0, x1, y1 = face.pixel_box(800, 800).to_list()
    block = 16
    x1, y1 = x0 + (x1 - x0) // block * block, y0 + (y1 - y0) // block * block  # whole blocks
    region = grey[y0:y1, x0:x1]
    small = cv2.resize(region, ((x1 - x0) // block, (y1 - y0) // block),
                       interpolation=cv2.INTER_AREA)
    mosaic = grey.copy()
    mosaic[y0:y1, x0:x1] = cv2.resize(small, (x1 - x0, y1 - y0),
                                      interpolation=cv2.INTER_NEAREST)
    assert pixelation_block(mosaic[y0:y1, x0:x1]) == block
    assert "pixelated" in assess(face, mosaic).reasons
    assert pixelation_block(region) == 0  # the drawn face itself has no grid


def test_size_counts_in_pixels_and_as_a_share_of_the_frame():
    grey = np.full((3000, 4000), 128, np.uint8)
    assert "too-small" in assess(_frontal(100, 100, 24), grey).reasons  # 24 px
    assert "too-small" in assess(_frontal(100, 100, 50), grey).reasons  # 1.7% of 3000 px
    assert "too-small" not in assess(_frontal(100, 100, 40), grey[:1000, :1000]).reasons


def test_a_head_turned_away_is_not_identifiable_but_a_profile_is():
    frontal = _frontal(0, 0, 100)
    assert yaw(frontal) < 0.1
    marks = list(frontal.landmarks)
    marks[2] = (marks[2][0] + 28, marks[2][1])  # nose 1.4 half eye-distances off: a profile
    assert 1.3 < yaw(Face(frontal.box, tuple(marks), 0.9)) < 1.5
    marks[2] = (marks[2][0] + 20, marks[2][1])  # 2.4: the head is turned away
    grey = np.full((400, 400), 128, np.uint8)
    assert "turned-away" in assess(Face(frontal.box, tuple(marks), 0.9), grey).reasons
