"""Watermarks printed over a photo: an agency's mark tiled faintly at an angle is found with its
box and rejected, a copy fills it; a contributor's caption and a plain scene pass."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from benchmarks.sets.synthetic_documents import BOLD, font
from benchmarks.sets.synthetic_scenes import _layer_text, landscape
from vmscreen import Category, Decision, Screener
from vmscreen.detectors.watermarks import WatermarkDetector


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(detectors=[WatermarkDetector()], threads=1)


def _scene(seed: int = 3) -> np.ndarray:
    return landscape(np.random.default_rng(seed), (1200, 900))


def _jpeg(image: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _tiled_mark(text: str = "shutterstock") -> np.ndarray:
    """The agency's name tiled across the scene at 40% opacity, turned 25 degrees."""
    picture = Image.fromarray(_scene()).convert("RGBA")
    layer = _layer_text(picture.size, text, font(BOLD[0], 80), 100, tiled=True, angle=25.0,
                        colour=(255, 255, 255))
    return np.asarray(Image.alpha_composite(picture, layer).convert("RGB"))


def test_a_tiled_agency_mark_at_an_angle_is_found_with_its_box_and_rejected(screener):
    result = screener.screen(_jpeg(_tiled_mark()))
    marks = [f for f in result.findings if f.code == "WMK101"]
    assert marks and result.decision is Decision.REJECT
    best = marks[0]
    assert best.category is Category.COPYRIGHT and best.score >= 0.9
    assert dict(best.evidence)["agency"] == "Shutterstock"
    assert best.box is not None and 0 < best.box.width < 1200 and best.box.height > 20
    assert "shutterstock" not in json.dumps(
        [dict(f.evidence) for f in result.findings]).replace("Shutterstock", "")


def test_a_stamp_is_reviewed_not_rejected(screener):
    picture = Image.fromarray(_scene(5)).convert("RGBA")
    layer = _layer_text(picture.size, "PROOF", font(BOLD[1], 200), 110, tiled=False,
                        angle=-20.0, colour=(255, 255, 255))
    image = np.asarray(Image.alpha_composite(picture, layer).convert("RGB"))
    result = screener.screen(_jpeg(image))
    assert [dict(f.evidence)["kind"] for f in result.findings] == ["stamp"]
    assert result.decision is Decision.REVIEW


def test_a_harmless_caption_and_a_plain_scene_are_not_flagged(screener):
    captioned = Image.fromarray(_scene(7))
    draw = ImageDraw.Draw(captioned)
    draw.text((60, 50), "Summer holiday 2024", font=font(BOLD[0], 56), fill=(255, 255, 255),
              stroke_width=2, stroke_fill=(0, 0, 0))
    for image in (np.asarray(captioned), _scene(8)):
        result = screener.screen(_jpeg(image))
        assert not result.findings and result.decision is Decision.ACCEPT


def test_a_sanitised_copy_fills_the_mark(screener, tmp_path: Path):
    image = _scene(9).copy()
    picture = Image.fromarray(image)
    ImageDraw.Draw(picture).text((1170, 870), "www.gettyimages.com", anchor="rs",
                                 font=font(BOLD[0], 30), fill=(255, 255, 255))
    done = screener.redact(_jpeg(np.asarray(picture)), tmp_path / "copy.jpg")
    assert done.written and done.codes == ("WMK101",)
    (finding,) = done.result.findings
    box = finding.box
    with Image.open(done.output) as copy:
        patch = np.asarray(copy.convert("L"))[box.y0:box.y1, box.x0:box.x1]
    assert patch.mean() < 30 and patch.std() < 15  # filled: no letter is left
    again = screener.screen(Path(done.output).read_bytes())
    assert not again.findings


def _tiled_logo(seed: int = 11) -> np.ndarray:
    """A ring-and-bar logo without text, white at 45% opacity, tiled in staggered rows across
    the scene and turned 20 degrees, as a stock site marks its previews."""
    picture = Image.fromarray(_scene(seed)).convert("RGBA")
    unit, colour = 90, (255, 255, 255, 115)
    tile = Image.new("RGBA", (unit * 2, unit * 2), (0, 0, 0, 0))
    draw = ImageDraw.Draw(tile)
    draw.ellipse((22, 22, unit * 2 - 22, unit * 2 - 22), outline=colour, width=11)
    draw.rectangle((unit - 25, unit - 12, unit + 25, unit + 12), fill=colour)
    layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    step = 280
    for row, y in enumerate(range(0, picture.height, step)):
        for x in range((row % 2) * step // 2, picture.width, step):
            layer.alpha_composite(tile, (x, y))
    layer = layer.rotate(20.0, resample=Image.BICUBIC)
    return np.asarray(Image.alpha_composite(picture, layer).convert("RGB"))


def _brick_wall(seed: int = 12) -> np.ndarray:
    """A brick wall filling the frame: bricks of varied red with grain, light mortar, in
    staggered rows, and light falling unevenly across it."""
    rng = np.random.default_rng(seed)
    picture = Image.new("RGB", (1200, 900), (205, 200, 190))
    draw = ImageDraw.Draw(picture)
    width, height, mortar = 120, 50, 8
    for row, y in enumerate(range(0, 900, height)):
        for x in range(-(row % 2) * width // 2, 1200, width):
            red = int(rng.integers(120, 180))
            draw.rectangle((x + mortar // 2, y + mortar // 2, x + width - mortar // 2,
                            y + height - mortar // 2), fill=(red, red // 3, red // 4))
    image = np.asarray(picture).astype(np.float32)
    light = np.linspace(0.7, 1.1, 1200, dtype=np.float32)[None, :, None]
    image = image * light + rng.normal(0, 6, image.shape).astype(np.float32)
    return np.clip(image, 0, 255).astype(np.uint8)


def test_a_tiled_logo_without_text_is_found_with_its_box_for_review(screener):
    result = screener.screen(_jpeg(_tiled_logo()))
    marks = [f for f in result.findings if f.code == "WMK102"]
    assert marks and result.decision is Decision.REVIEW
    (mark,) = marks
    assert mark.category is Category.COPYRIGHT and dict(mark.evidence)["tone"] == "light"
    assert mark.box is not None and mark.box.width > 600 and mark.box.height > 450


def test_a_brick_wall_is_no_overlay(screener):
    result = screener.screen(_jpeg(_brick_wall()))
    assert not [f for f in result.findings if f.code == "WMK102"]
