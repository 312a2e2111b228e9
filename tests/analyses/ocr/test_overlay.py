"""The watermarks' second look at a frame: a mark laid large at an angle is read whole, and a
page of print the shared reading read well is not read again in the light views."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw

from benchmarks.sets.synthetic_documents import BOLD, font
from benchmarks.sets.synthetic_scenes import _layer_text, landscape
from tests.fakes import subject
from vmscreen.analyses.ocr import TextPlan, Word
from vmscreen.analyses.ocr.overlay import SETTLED_REREAD_FROM, read_overlays, settled_boxes
from vmscreen.media import media_from_array, open_media
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


class _Seen:
    """An OCR engine that reads nothing and keeps every image it is given."""

    name, has_thorough_mode, version = "seen", False, "0"

    def __init__(self) -> None:
        self.images: list[np.ndarray] = []
        self.floors: list[float] = []  # each read's re-reading floor

    def read(self, image, thorough=False, reread_from=0.0):
        self.images.append(image.copy())
        self.floors.append(reread_from)
        return []


def _word(x: float, y: float, confidence: float = 0.97, tilt: float = 0.0) -> Word:
    """A word 60 x 20 px with its top-left at (x, y), its baseline turned ``tilt`` px."""
    return Word("word", ((x, y), (x + 60, y - tilt), (x + 60, y + 20 - tilt), (x, y + 20)),
                confidence)


def test_a_page_of_print_read_well_is_not_read_again_in_the_light_views():
    # Light print over a mid-grey 1000 x 800 frame: the light views keep it.
    rgb = np.full((800, 1000, 3), 110, np.uint8)
    words = tuple(_word(420.0 + 80 * (i % 2), 340.0 + 30 * (i // 2)) for i in range(6))
    for word in words:
        box = word.box
        rgb[box.y0 + 5:box.y1 - 5, box.x0 + 5:box.x1 - 5] = 250
    plan = TextPlan(2, (((400.0, 320.0, 600.0, 440.0), None),))
    frame = media_from_array(rgb).frame(0)
    for read, blank in ((words, True), (words[:4], False)):
        engine = _Seen()
        read_overlays(frame, engine, plan, read)
        # The central light view: (200, 240) to (800, 560) of the frame.
        (centre,) = [image for image in engine.images if image.shape == (320, 600, 3)]
        print_there = centre[340 - 240 + 6:340 - 240 + 14, 420 - 200 + 10:420 - 200 + 50]
        assert bool(print_there.min() == 255) is blank
        # On a page of print, what the light views read doubtfully is the page's own strokes:
        # not read again below SETTLED_REREAD_FROM.
        assert set(engine.floors) == {SETTLED_REREAD_FROM if blank else 0.0}


def test_only_level_words_read_well_count_towards_a_page_of_print():
    level = [_word(100.0 * i, 50.0) for i in range(5)]
    assert len(settled_boxes(tuple(level))) == 5
    assert settled_boxes(tuple(level[:4])) == ()
    assert settled_boxes((*level[:4], _word(0.0, 200.0, confidence=0.6))) == ()
    assert settled_boxes((*level[:4], _word(0.0, 200.0, tilt=20.0))) == ()


def test_a_small_frame_the_shared_pass_read_whole_is_not_read_plain_again():
    frame = media_from_array(np.full((150, 300, 3), 90, np.uint8)).frame(0)
    whole = TextPlan(3, (((0.0, 0.0, 300.0, 150.0), None),))
    for plan, looks in ((whole, 1), (TextPlan(0, ()), 2)):
        engine = _Seen()
        reading = read_overlays(frame, engine, plan)
        assert len(engine.images) == looks and reading.regions == looks
        assert all(image.shape == (320, 640, 3) for image in engine.images)  # enlarged
