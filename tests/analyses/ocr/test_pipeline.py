"""The OCR pass of a frame: text presence first, regions only, full-resolution coordinates."""

from __future__ import annotations

import io
from dataclasses import replace

import numpy as np
from PIL import Image, ImageDraw

from benchmarks.sets import synthetic_documents as docs
from benchmarks.sets import synthetic_scenes as scenes
from tests.imaging import picture
from tests.recording_engine import RecordingEngine
from vmscreen.analyses import Engines, FrameAnalyses
from vmscreen.analyses.ocr import (
    TextPlan,
    Word,
    group_lines,
    make_engine,
    plan_text,
    read_frame,
)
from vmscreen.analyses.ocr.pipeline import MIN_READ_SIDE, number_strips
from vmscreen.analyses.ocr.presence import text_regions
from vmscreen.media import media_from_array
from vmscreen.rules.mrz import find_mrz


def read_media(media, engine, thorough=False):
    """The first frame's reading, as the pipeline plans and reads it."""
    frame = media.frame(0)
    return read_frame(frame, engine, plan_text(frame), thorough)


def _analyses(media, engine) -> FrameAnalyses:
    return FrameAnalyses(media.frame(0), replace(Engines.create(threads=1), ocr=engine))


def _card_photo(size=(4000, 3000), seed=1, fraction=(0.14, 0.16)) -> np.ndarray:
    rng = np.random.default_rng(seed)
    scene = scenes.surface(rng, size)
    card = docs.payment_card(rng, "visa", number="4111111111111111")
    return scenes.place(scene, card, rng, width_fraction=fraction, max_angle=15)


def test_a_photo_without_text_costs_no_ocr():
    media = media_from_array(np.asarray(picture(1600, 1200, seed=4)))
    assert text_regions(media.frame(0).grey(1024)) == []
    assert read_media(media, make_engine()).regions == 0


def test_small_print_of_a_card_in_a_12_mp_photo_is_read_in_full_resolution_coordinates():
    photo = _card_photo()
    media = media_from_array(photo)
    reading = read_media(media, make_engine())
    number = next(line for line in reading.lines if "1111" in line.text)
    assert number.text.replace(" ", "") == "4111111111111111"
    # The card is a seventh of the frame wide; the number's box is in full-resolution pixels.
    assert 0.05 * media.width < number.box.width < 0.2 * media.width
    assert number.box.x1 <= media.width and number.box.y1 <= media.height


def _sign(text_size: int) -> np.ndarray:
    """A plain wall with one two-line notice on it, in print ``text_size`` pixels high."""
    image = Image.new("RGB", (1600, 1200), (200, 196, 188))
    draw = ImageDraw.Draw(image)
    face = docs.font(docs.BOLD[0], text_size)
    draw.text((500, 500), "NO PARKING", font=face, fill=(20, 20, 20))
    draw.text((500, 500 + int(1.4 * text_size)), "AT ANY TIME", font=face, fill=(20, 20, 20))
    return np.asarray(image)


def test_small_print_is_enlarged_for_the_detector_and_large_print_is_read_as_it_is():
    small, large = RecordingEngine(), RecordingEngine()
    small_lines = read_media(media_from_array(_sign(18)), small).lines
    large_lines = read_media(media_from_array(_sign(56)), large).lines
    # Both notices are read in full, each from one crop around the notice.
    for lines in (small_lines, large_lines):
        assert [line.text for line in lines] == ["NO PARKING", "AT ANY TIME"]
    assert len(small.crops) == len(large.crops) == 1
    assert small.thorough == large.thorough == []  # no number in sight: read once, fast
    # The small print's crop was enlarged well past the notice's own size; the large print's
    # was handed over at the photo's scale, which spares the detector half its area or more.
    small_width, large_width = small.crops[0][1], large.crops[0][1]
    assert small_width > 2.5 * small_lines[1].box.width
    assert large_width < 2 * large_lines[1].box.width
    assert max(large.crops[0]) < 0.85 * MIN_READ_SIDE


def test_the_thorough_reading_reads_again_only_the_strip_around_a_number():
    recording = RecordingEngine()
    media = media_from_array(_card_photo(size=(1600, 1200), fraction=(0.4, 0.5)))
    analyses = _analyses(media, recording)
    fast = analyses.reading()
    thorough = analyses.reading(thorough=True)
    assert thorough is not fast and thorough is analyses.reading(thorough=True)
    # One strip of the card's crop, as wide and about half as tall: the card's other lines
    # (its name, its dates) are the fast reading's.
    (card,), (strip,) = recording.crops, recording.thorough
    assert strip[1] == card[1] and strip[0] < 0.6 * card[0]
    for reading in (fast, thorough):
        assert any(line.text.replace(" ", "") == "4111111111111111" for line in reading.lines)
    assert len(thorough.lines) < len(fast.lines)


def _line(text: str, x: float, y: float, height: float = 20.0) -> Word:
    return Word(text, ((x, y), (x + 200, y), (x + 200, y + height), (x, y + height)), 0.95)


def test_number_strips_span_the_planned_box_around_each_number_line():
    plan = TextPlan(3, (((100.0, 100.0, 900.0, 700.0), 12.0), ((1000.0, 0.0, 1200.0, 80.0), None)))
    lines = group_lines([_line("VALID THRU", 150, 200), _line("4111 1111 1111 1111", 150, 400),
                         _line("P<UTOERIKSSON<<ANNA", 150, 600), _line("1234567", 1010, 20)])
    strips = number_strips(plan, lines).boxes
    # The number's and the MRZ's strips, in reading order: the box's width, the line and 30 px
    # (1.5 of its height) above and below, cut at the box's edge; the box beside has a strip
    # of its own.
    assert strips == (((1000.0, 0.0, 1200.0, 70.0), None), ((100.0, 370.0, 900.0, 450.0), 12.0),
                      ((100.0, 570.0, 900.0, 650.0), 12.0))
    # Strips that overlap are joined; no number, no strip.
    close = group_lines([_line("123456", 150, 400), _line("654321", 150, 450)])
    assert number_strips(plan, close).boxes == (((100.0, 370.0, 900.0, 500.0), 12.0),)
    assert number_strips(plan, group_lines([_line("NO PARKING", 150, 400)])).boxes == ()


def test_the_pass_runs_once_per_frame_for_every_detector_that_asks():
    recording = RecordingEngine()
    media = media_from_array(_card_photo(size=(1600, 1200), fraction=(0.4, 0.5)))
    analyses = _analyses(media, recording)
    assert analyses.reading() is analyses.reading()
    assert len(recording.crops) == 1


def test_words_on_one_tilted_line_are_joined_in_reading_order():
    def word(text, x, y, angle=15.0):
        t = np.radians(angle)
        dx, dy = np.cos(t), -np.sin(t)
        w, h = 80, 30
        corners = [(x, y), (x + w * dx, y + w * dy), (x + w * dx + h * np.sin(t),
                   y + w * dy + h * np.cos(t)), (x + h * np.sin(t), y + h * np.cos(t))]
        return Word(text, tuple((float(a), float(b)) for a, b in corners), 0.9)

    step = 100
    t = np.radians(15)
    words = [word(text, 100 + i * step * np.cos(t), 400 - i * step * np.sin(t))
             for i, text in enumerate(["4111", "1111", "1111", "1111"])]
    below = word("JOHN", 100 + 30 * np.sin(t), 400 + 60 * np.cos(t))
    lines = group_lines([words[2], below, words[0], words[3], words[1]])
    assert [line.text for line in lines] == ["4111 1111 1111 1111", "JOHN"]


def _thumbnail(document: Image.Image, seed: int, width: int) -> np.ndarray:
    """A photo of ``document`` filling most of the frame, made as thumbnails are: taken large,
    resized down to ``width`` and saved as a JPEG."""
    rng = np.random.default_rng(seed)
    scene = scenes.surface(rng, (1600, 1200))
    photo = scenes.place(scene, document, rng, width_fraction=(0.75, 0.8), max_angle=0.0,
                         max_skew=0.03)
    photo = Image.fromarray(scenes.camera(photo, rng, blur=0.8))
    small = photo.resize((width, round(photo.height * width / photo.width)), Image.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=80)
    return np.asarray(Image.open(buffer).convert("RGB"))


def test_a_thumbnail_300_px_wide_is_read_whole_at_the_detectors_print_height():
    # An ID card back 230 px wide in the frame: its MRZ capitals are about 7 px high. Looked at
    # as it is, the presence step found no text in it and nothing was read.
    card = docs.id_card_back(np.random.default_rng(7), "td1")
    thumbnail = _thumbnail(card, 7, 300)
    assert thumbnail.shape[1] == 300
    recording = RecordingEngine()
    lines = read_media(media_from_array(thumbnail), recording).lines
    (zone,) = find_mrz([line.text for line in lines])
    assert zone.layout == "TD1" and zone.valid
    # One read of the whole frame, enlarged three times: 7 px print reaches about 21 px.
    assert recording.crops == [(3 * thumbnail.shape[0], 3 * thumbnail.shape[1])]
    for i in zone.line_indices:  # in the thumbnail's own pixels
        box = lines[i].box
        assert box.width > 0.6 * thumbnail.shape[1] / 2 and box.x1 <= thumbnail.shape[1]
        assert box.height < thumbnail.shape[0] / 8


def test_a_thumbnail_without_text_costs_no_ocr():
    media = media_from_array(np.asarray(picture(320, 240, seed=4)))
    assert read_media(media, make_engine()).regions == 0
