"""The watermarks' second look at a frame: a mark laid large at an angle is read whole."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw

from benchmarks.sets.synthetic_documents import BOLD, font
from benchmarks.sets.synthetic_scenes import _layer_text, landscape
from tests.fakes import subject
from vmscreen.media import open_media
from vmscreen.rules.watermark_text import classify_watermark_text


def _tilted_stamp(text: str = "DO NOT COPY", angle: float = -17.0) -> bytes:
    """A dark stamp at 45% opacity laid once across a 1920 x 1080 landscape, as large as fits
    (as the synthetic watermark set lays it), turned ``angle`` degrees; a JPEG."""
    picture = Image.fromarray(landscape(np.random.default_rng(3), (1920, 1080))).convert("RGBA")
    face = font(BOLD[1], 320)
    longest = ImageDraw.Draw(picture).textlength(text, font=face)
    face = font(BOLD[1], int(320 * min(1.0, 0.85 * 1920 / longest)))
    layer = _layer_text(picture.size, text, face, 115, tiled=False, angle=angle,
                        colour=(20, 20, 20))
    buffer = io.BytesIO()
    Image.alpha_composite(picture, layer).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_a_large_tilted_stamp_is_read_whole_at_its_angle():
    analyses = subject(open_media(_tilted_stamp())).analyses
    lines = analyses.overlay_text().lines
    stamps = [line for line in lines if classify_watermark_text(line.text) is not None]
    assert stamps, "the stamp was read in pieces"
    (stamp,) = stamps
    assert stamp.angle < -5  # read along its slope, not levelled into the frame's axes
    assert stamp.box.width > 1200  # the whole line, not a piece of it
