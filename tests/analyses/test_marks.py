"""A mark that stays in a corner while a clip's scenes change is found; a still scene, or a
clip whose every part stays (a screen recording), has none; a photo has no clip to compare."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from vmscreen.analyses.marks import ClipMarks
from vmscreen.media import media_from_pil


def _scene(seed: int, width: int = 640, height: int = 360) -> np.ndarray:
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    phase = rng.uniform(0, 6.3, 4)
    picture = np.stack([128 + 90 * np.sin(x / rng.uniform(15, 60) + phase[0]),
                        128 + 90 * np.cos(y / rng.uniform(15, 60) + phase[1]),
                        128 + 90 * np.sin((x + y) / rng.uniform(15, 60) + phase[2])], axis=-1)
    image = Image.fromarray(np.clip(picture, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)  # things with edges: a scene, not a gradient
    for _ in range(40):
        x0, y0 = int(rng.integers(0, width - 40)), int(rng.integers(0, height - 40))
        draw.rectangle((x0, y0, x0 + int(rng.integers(10, 40)), y0 + int(rng.integers(10, 40))),
                       fill=tuple(int(v) for v in rng.integers(0, 255, 3)))
    return np.asarray(image)


def _with_logo(picture: np.ndarray) -> Image.Image:
    image = Image.fromarray(picture)
    draw = ImageDraw.Draw(image)
    draw.rectangle((560, 16, 620, 44), outline=(255, 255, 255), width=3)
    draw.text((570, 22), "TV", fill=(255, 255, 255))
    return image


def _frames(images: list[Image.Image]):
    return [media_from_pil(image).frame(0) for image in images]


def test_a_logo_that_stays_while_the_scenes_change_is_found_in_its_corner():
    marks = ClipMarks()
    found = [marks.mark(frame) for frame in _frames([_with_logo(_scene(s)) for s in range(4)])]
    assert found[0] is None and found[1] is None  # it takes two earlier scenes
    mark = found[-1]
    assert mark is not None and mark.zone == "top-right" and mark.scenes >= 2
    x0, y0, x1, y1 = mark.box
    assert x0 >= 540 and x1 <= 630 and y0 >= 5 and y1 <= 60


def test_scenes_without_a_mark_or_one_still_scene_have_none():
    marks = ClipMarks()
    assert all(marks.mark(frame) is None for frame in
               _frames([Image.fromarray(_scene(s)) for s in range(4)]))
    still = ClipMarks()
    assert all(still.mark(frame) is None for frame in
               _frames([_with_logo(_scene(7)) for _ in range(4)]))
