"""The face search of a frame: the whole frame on a small view, and on a larger one for small
faces in large photos."""

from __future__ import annotations

import io

import numpy as np
import pytest

from benchmarks.sets import synthetic_documents as docs
from tests.imaging import picture
from vmscreen.analyses.faces import Face, YuNet, find_faces
from vmscreen.media import open_media


@pytest.fixture(scope="module")
def model() -> YuNet:
    return YuNet(threads=1)


def _photo(size: tuple[int, int], heads: list[tuple[int, int, int]],
           seeds: list[int] | None = None) -> bytes:
    """A photo-like background with drawn heads at (x, y, width), each drawn from its seed."""
    image = picture(*size, seed=1)
    for (x, y, width), seed in zip(heads, seeds or range(len(heads)), strict=False):
        head = docs.portrait((300, 380), np.random.default_rng(seed))
        image.paste(head.resize((width, width * 380 // 300)), (x, y))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_a_large_face_is_found_and_placed_in_full_resolution(model):
    media = open_media(_photo((2000, 1500), [(700, 300, 600)]))
    (face,) = find_faces(media.frame(0), model)
    assert 700 < face.box[0] < face.box[2] < 1300 and 300 < face.box[1] < face.box[3] < 1060
    assert face.width > 200  # not a fragment of it


def test_a_face_too_small_for_the_whole_frame_view_is_found_on_the_larger_view(model):
    # The head is 375 px wide in a 4000 px frame: 60 px on the 640 px view, where this drawn
    # face is missed, and 120 px on the 1280 px view, where it is found.
    media = open_media(_photo((4000, 3000), [(2500, 1800, 375)]))
    assert model.detect(media.frame(0).array(640)) == []
    (face,) = find_faces(media.frame(0), model)
    assert 2500 < face.box[0] < face.box[2] < 2875 and 1800 < face.box[1] < face.box[3] < 2275


def test_a_face_seen_on_both_views_is_counted_once(model):
    # 440 px wide in a 4000 px frame: 70 px on the 640 px view and 141 px on the 1280 px one.
    media = open_media(_photo((4000, 3000), [(1900, 900, 440)]))
    frame = media.frame(0)
    assert model.detect(frame.array(640)) and model.detect(frame.array(1280), side=1280)
    assert len(find_faces(frame, model)) == 1


def test_small_faces_are_found_anywhere_in_a_large_photo(model):
    # Eight heads 300 px wide (96 px on the 1280 px view) along the edges and corners of a
    # 4000 x 3000 frame, where the larger view's one run of the model must see them all. (The
    # head drawn from seed 3 is not a face to the model at this size, wherever it is.)
    spots = [(0, 0), (1850, 0), (3700, 0), (0, 1310), (3700, 1310), (0, 2620), (1850, 2620),
             (3700, 2620)]
    media = open_media(_photo((4000, 3000), [(x, y, 300) for x, y in spots],
                              seeds=[0, 1, 2, 4, 5, 6, 7, 8]))
    faces = find_faces(media.frame(0), model)
    assert len(faces) == len(spots)
    for x, y in spots:  # each head's face lies inside it (300 x 380 px)
        assert sum(x <= face.box[0] < face.box[2] <= x + 300
                   and y <= face.box[1] < face.box[3] <= y + 380 for face in faces) == 1


class _ContextSensitive:
    """A face model whose one face, at (2000, 1500)-(2100, 1620) in a 4000 x 3000 frame, scores
    ``whole`` on a view of the whole frame and ``cut`` on a tile of one, as YuNet's scores move
    with what surrounds a face. Records the shape of every input it is given."""

    name = "context-sensitive"
    min_score = 0.6

    def __init__(self, whole: float, cut: float) -> None:
        self.whole, self.cut, self.inputs = whole, cut, []

    def detect(self, rgb, offset=(0.0, 0.0), scale=1.0, side=640, min_score=None):
        self.inputs.append(rgb.shape[:2])
        if rgb.shape[:2] == (480, 640):  # the 640 px view: the face is too small there
            return []
        score = self.cut if rgb.shape[:2] == (640, 640) else self.whole
        x0, y0 = (2000 - offset[0]) * scale, (1500 - offset[1]) * scale  # in this input
        if not (0 <= x0 < rgb.shape[1] and 0 <= y0 < rgb.shape[0]):
            return []
        box = (2000.0, 1500.0, 2100.0, 1620.0)
        face = Face(box=box, landmarks=((2030.0, 1540.0),) * 5, score=score)
        return [face] if score >= (self.min_score if min_score is None else min_score) else []


def test_a_near_miss_on_the_larger_view_is_looked_at_again_in_its_tiles():
    media = open_media(_photo((4000, 3000), []))
    model = _ContextSensitive(whole=0.55, cut=0.7)
    (face,) = find_faces(media.frame(0), model)
    assert face.score == 0.7
    assert (640, 640) in model.inputs  # the tiles of the 1280 px view over the face

    model = _ContextSensitive(whole=0.55, cut=0.58)  # no tile scores it over the threshold
    assert find_faces(media.frame(0), model) == ()


def test_a_face_the_larger_view_is_unsure_of_keeps_its_tiles_confident_score():
    # Scored 0.7 on the whole view: a face, but not one counted as identifiable (0.75).
    model = _ContextSensitive(whole=0.7, cut=0.8)
    (face,) = find_faces(open_media(_photo((4000, 3000), [])).frame(0), model)
    assert face.score == 0.8


def test_a_clear_face_or_none_costs_two_runs_of_the_model():
    for whole in (0.9, 0.3):
        model = _ContextSensitive(whole=whole, cut=0.9)
        faces = find_faces(open_media(_photo((4000, 3000), [])).frame(0), model)
        assert len(faces) == (whole >= 0.6)
        assert model.inputs == [(480, 640), (960, 1280)]
