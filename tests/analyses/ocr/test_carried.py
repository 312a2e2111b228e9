"""Text that stays on screen across a video's samples is read once; text that changes is read
again."""

from __future__ import annotations

from dataclasses import replace

from PIL import Image, ImageDraw

from benchmarks.sets.synthetic_documents import font
from tests import clips, imaging
from tests.recording_engine import RecordingEngine
from vmscreen import Screener
from vmscreen.analyses import Engines


def _sign(text: str) -> Image.Image:
    scene = imaging.picture(480, 320, seed=2)
    draw = ImageDraw.Draw(scene)
    draw.rectangle((40, 90, 440, 230), fill=(245, 245, 240))
    for row, line in enumerate(text.split("/")):
        draw.text((60, 100 + 60 * row), line, fill=(10, 10, 10),
                  font=font("DejaVuSans-Bold.ttf", 36))
    return scene


def _screen(paint) -> tuple[RecordingEngine, int]:
    """The OCR crops read, and how many sampled frames were screened."""
    recording = RecordingEngine()
    engines = replace(Engines.create(threads=1), ocr=recording)
    result = Screener(engines=engines).screen(clips.clip(paint, seconds=5.0, fps=10))
    return recording, max(run.frames for run in result.detectors)


def test_a_sign_that_stays_on_screen_is_read_once():
    sign = _sign("OPEN DAILY/9 TO 5")
    steady = [Image.new("RGB", (480, 320), colour)
              for colour in ((200, 60, 60), (60, 200, 60), (60, 60, 200))]
    # The background changes (so no sample repeats the last), the sign does not.
    def paint(t: float) -> Image.Image:
        frame = steady[int(t * 3) % 3].copy()
        frame.paste(sign.crop((40, 90, 440, 220)), (40, 90))
        return frame

    recording, screened = _screen(paint)
    assert screened >= 4
    # Exactly what one photo of the first frame costs: the sign, and the watermark pass's
    # looks at the middle of the picture, each read once for the whole clip.
    alone = RecordingEngine()
    Screener(engines=replace(Engines.create(threads=1), ocr=alone)).screen(
        imaging.encode(paint(0.0), "PNG"))
    assert sorted(recording.crops) == sorted(alone.crops)
    # A 480 px frame is a thumbnail: read whole, enlarged twice (analyses/ocr/pipeline.py).
    assert (640, 960) in recording.crops


def test_text_that_changes_is_read_again():
    signs = [_sign(f"GATE {n}/BOARDING {n}0") for n in range(1, 6)]
    recording, _ = _screen(lambda t: signs[min(4, int(t))])
    assert len(recording.crops) >= 5
