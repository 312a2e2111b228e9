"""Film and broadcast frames: subtitles on a letterboxed picture and credits on black go to
review with their box; a captioned holiday photo, a night scene and bars alone do not."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image, ImageDraw

from benchmarks.sets.clips import write_clip
from benchmarks.sets.synthetic_documents import BOLD, SANS, font
from vmscreen import Decision, Screener
from vmscreen.detectors.film_frames import FilmFrameDetector

SUBTITLE = "I never thought I would see you again."


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(detectors=[FilmFrameDetector()])


def _scene(width: int, height: int, seed: int = 0) -> Image.Image:
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    sky = np.stack([90 + 60 * np.sin(x / 70), 130 + 40 * np.cos(y / 45), 190 + 0 * x], -1)
    ground = np.stack([70 + 40 * np.sin(x / 23), 110 + 30 * np.cos((x + y) / 37), 60 + 0 * x],
                      -1)
    picture = np.where((y > height * 0.55)[..., None], ground, sky)
    picture += rng.normal(0, 5, picture.shape)
    return Image.fromarray(np.clip(picture, 0, 255).astype(np.uint8))


def _letterboxed(text: str = SUBTITLE, width: int = 960, height: int = 540) -> Image.Image:
    """A 2.39 picture between black bars, a white subtitle with a black outline low in it."""
    picture_height = round(width / 2.39)
    bar = (height - picture_height) // 2
    image = Image.new("RGB", (width, height), (0, 0, 0))
    image.paste(_scene(width, picture_height), (0, bar))
    if text:
        ImageDraw.Draw(image).text((width / 2, bar + picture_height - 30), text,
                                   font=font(SANS[0], 30), anchor="mm", fill=(255, 255, 255),
                                   stroke_width=2, stroke_fill=(0, 0, 0))
    return image


def _credits() -> Image.Image:
    image = Image.new("RGB", (960, 540), (5, 5, 5))
    draw = ImageDraw.Draw(image)
    rows = ("Directed by", "JOHN SMITH", "Produced by", "MARY JONES", "Music by", "ALAN WHITE")
    for row, text in enumerate(rows):
        draw.text((480, 90 + 70 * row), text, font=font((SANS, BOLD)[row % 2][0], 30),
                  anchor="mm", fill=(235, 235, 235))
    return image


def _captioned() -> Image.Image:
    """A holiday photo with the contributor's caption in a dark band along its bottom."""
    image = _scene(960, 640, seed=3)
    draw = ImageDraw.Draw(image, "RGBA")
    draw.rectangle((0, 568, 960, 640), fill=(0, 0, 0, 160))
    draw.text((480, 604), "Summer holiday 2024", font=font(BOLD[0], 40), anchor="mm",
              fill=(255, 255, 255))
    return image


def _night() -> Image.Image:
    """A dark sky fading into a band of city lights: dark rows at top and bottom, no bars."""
    rng = np.random.default_rng(1)
    y = np.mgrid[0:540, 0:960][0].astype(np.float32)
    picture = np.repeat((8 + 10 * (y / 540) ** 3)[..., None], 3, axis=-1)
    picture += rng.normal(0, 2, picture.shape)
    for _ in range(200):
        cx, cy = int(rng.integers(0, 960)), int(rng.integers(324, 432))
        picture[cy:cy + 3, cx:cx + 3] = 220
    return Image.fromarray(np.clip(picture, 0, 255).astype(np.uint8))


def test_a_subtitle_on_a_letterboxed_frame_is_a_film_frame_boxed_at_the_subtitle(screener):
    result = screener.screen(_letterboxed())
    (finding,) = result.findings
    assert finding.code == "FLM101" and finding.category.value == "copyright"
    evidence = dict(finding.evidence)
    assert evidence["letterbox"] is True and evidence["subtitles"] is True
    assert evidence["picture_ratio"] == 2.39
    box = finding.box
    assert box is not None and 380 < box.y0 < box.y1 < 475 and box.x0 > 100 and box.x1 < 860
    assert result.decision is Decision.REVIEW
    assert "thought" not in json.dumps(result.to_dict())  # the text is never kept


def test_credits_on_black_are_a_film_frame(screener):
    result = screener.screen(_credits())
    (finding,) = result.findings
    assert finding.code == "FLM101" and dict(finding.evidence)["credits"] is True
    assert finding.box is not None and finding.box.y0 < 100 and finding.box.y1 > 430
    assert result.decision is Decision.REVIEW


@pytest.mark.parametrize("make", [_captioned, _night, lambda: _letterboxed(text="")],
                         ids=["caption-band", "night", "bars-alone"])
def test_a_caption_a_night_scene_or_bars_alone_are_not(screener, make):
    result = screener.screen(make())
    assert not result.findings
    assert result.decision is Decision.ACCEPT


def _shot(seed: int) -> Image.Image:
    """A scene of its own with a broadcaster's mark in the top-right corner."""
    rng = np.random.default_rng(seed)
    pixels = np.asarray(_scene(320, 180, seed))[::-1 if seed % 2 else 1, :, rng.permutation(3)]
    image = Image.fromarray(np.ascontiguousarray(255 - pixels if seed % 3 else pixels))
    draw = ImageDraw.Draw(image)
    for _ in range(25):  # things in the scene, so each shot has edges of its own
        x0, y0 = int(rng.integers(0, 290)), int(rng.integers(20, 150))
        draw.rectangle((x0, y0, x0 + int(rng.integers(8, 30)), y0 + int(rng.integers(8, 30))),
                       fill=tuple(int(v) for v in rng.integers(0, 255, 3)))
    draw.rectangle((270, 8, 310, 28), outline=(255, 255, 255), width=2)
    draw.text((278, 11), "TV", fill=(255, 255, 255))
    return image


def test_a_mark_that_stays_while_a_clips_scenes_change_is_found_in_its_corner(screener,
                                                                             tmp_path):
    shots = [_shot(seed) for seed in range(5)]
    clip = write_clip(tmp_path / "broadcast.mp4", lambda t: shots[min(4, int(t))], seconds=5,
                      fps=5)
    findings = [f for f in screener.screen(clip).findings if f.code == "FLM101"]
    assert findings and all(dict(f.evidence)["logo_zone"] == "top-right" for f in findings)
    assert min(f.time for f in findings) >= 1.9  # after two earlier scenes
    assert findings[0].box is not None and findings[0].box.x0 >= 250
