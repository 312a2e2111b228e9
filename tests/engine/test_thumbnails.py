"""Thumbnails for the report: made from a redacted copy only, or not made at all."""

from __future__ import annotations

import hashlib
import io

import numpy as np
from PIL import Image

from tests import imaging
from vmscreen import Result, default_policy
from vmscreen.engine.registry import catalogue
from vmscreen.engine.thumbnails import SIDE, redacted_thumbnail
from vmscreen.findings import Box, Category, Finding
from vmscreen.media import MediaInfo

CODES = catalogue()


def _photo(tmp_path, width=400, height=300):
    # Stripes everywhere: a blurred or filled region loses them.
    stripes = (np.indices((height, width))[1] // 4 % 2 * 255).astype(np.uint8)
    data = imaging.encode(Image.fromarray(np.dstack([stripes] * 3)), "PNG")
    path = tmp_path / "photo.png"
    path.write_bytes(data)
    info = MediaInfo("PNG", "image/png", width, height, 1, len(data),
                     hashlib.sha256(data).hexdigest())
    return path, info


def _finding(code, category, box=None):
    return Finding(code, code.lower(), category, "test", 0.9, "found", box=box, frame=0)


def _result(path, info, *findings):
    return Result.decided(str(path), default_policy(), list(findings), media=info)


def _pixels(thumbnail):
    with Image.open(io.BytesIO(thumbnail.jpeg)) as image:
        assert max(image.size) <= SIDE
        return np.asarray(image.convert("L"), np.float32), image.size


def test_every_boxed_finding_is_covered_whatever_the_policy_decided(tmp_path):
    path, info = _photo(tmp_path)
    face = _finding("FAC101", Category.OTHER_PEOPLE, Box(40, 40, 160, 200))
    card = _finding("PAN101", Category.SENSITIVE_ID, Box(240, 60, 380, 140))
    small_face = _finding("FAC102", Category.OTHER_PEOPLE, Box(250, 200, 330, 280))
    thumbnail = redacted_thumbnail(_result(path, info, face, card, small_face), CODES)
    pixels, (width, _) = _pixels(thumbnail)
    scale = width / 400

    def area(box):
        return pixels[int(box.y0 * scale) + 2:int(box.y1 * scale) - 2,
                      int(box.x0 * scale) + 2:int(box.x1 * scale) - 2]

    assert area(card.box).mean() < 8  # filled black (a JPEG rings a little)
    for blurred in (face.box, small_face.box):  # an accepted small face is blurred too
        assert area(blurred).std() < 0.3 * pixels[:, :40].std()
    assert thumbnail.note == ""


def test_no_thumbnail_where_a_copy_could_still_show_something(tmp_path):
    path, info = _photo(tmp_path)
    nudity = _finding("NSF101", Category.SEXUAL_CONTENT)
    broken = _finding("UNS001", Category.UNSCREENED)
    cases = {
        "withheld: NSF101 cannot be covered": _result(path, info, nudity),
        "not screened completely": _result(path, info, broken),
        "not a still picture": _result(path, None),
    }
    for note, result in cases.items():
        assert redacted_thumbnail(result, CODES).jpeg is None
        assert redacted_thumbnail(result, CODES).note == note
    rights = _finding("CPR101", Category.COPYRIGHT)  # no box, nothing to hide in the picture
    assert redacted_thumbnail(_result(path, info, rights), CODES).jpeg is not None
    clean = _result(path, info)
    path.write_bytes(imaging.jpeg())
    assert redacted_thumbnail(clean, CODES).note == "the file changed since it was screened"
    path.unlink()
    assert redacted_thumbnail(clean, CODES).note == "the file cannot be read here"
