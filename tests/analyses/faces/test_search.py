"""The face search of a frame: the whole frame on a small view, tiles for small faces in large
photos."""

from __future__ import annotations

import io

import numpy as np
import pytest

from benchmarks.sets import synthetic_documents as docs
from tests.imaging import picture
from vmscreen.analyses.faces import YuNet, find_faces
from vmscreen.media import open_media


@pytest.fixture(scope="module")
def model() -> YuNet:
    return YuNet(threads=1)


def _photo(size: tuple[int, int], heads: list[tuple[int, int, int]]) -> bytes:
    """A photo-like background with drawn heads at (x, y, width)."""
    image = picture(*size, seed=1)
    for index, (x, y, width) in enumerate(heads):
        head = docs.portrait((300, 380), np.random.default_rng(index))
        image.paste(head.resize((width, width * 380 // 300)), (x, y))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_a_large_face_is_found_and_placed_in_full_resolution(model):
    media = open_media(_photo((2000, 1500), [(700, 300, 600)]))
    (face,) = find_faces(media.frame(0), model)
    assert 700 < face.box[0] < face.box[2] < 1300 and 300 < face.box[1] < face.box[3] < 1060
    assert face.width > 200  # not a tile's fragment of it


def test_a_face_too_small_for_the_whole_frame_view_is_found_through_tiles(model):
    # The head is 375 px wide in a 4000 px frame: 60 px on the 640 px view, where this drawn
    # face is missed, and 120 px on the tiled 1280 px view, where it is found.
    media = open_media(_photo((4000, 3000), [(2500, 1800, 375)]))
    assert model.detect(media.frame(0).array(640)) == []
    (face,) = find_faces(media.frame(0), model)
    assert 2500 < face.box[0] < face.box[2] < 2875 and 1800 < face.box[1] < face.box[3] < 2275


def test_a_face_on_a_tile_seam_is_counted_once(model):
    # Tiles of the 1280 px view start every 320 px; the head spans 608-748 px there, across
    # the first tile's edge at 640, and is whole in the second tile.
    media = open_media(_photo((4000, 3000), [(1900, 900, 440)]))
    assert len(find_faces(media.frame(0), model)) == 1
