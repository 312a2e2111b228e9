"""The screens detector: a phone app's screenshot (SCR101) and a photo of a screen (SCR102) go
to review; a photo with a camera's noise, and a screen too small in the frame, do not count."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from tests.fakes import Objects, engines, subject
from tests.screens import phone_app, photo, png
from vmscreen import default_policy
from vmscreen.analyses.objects import SceneObject
from vmscreen.detectors.screens import ScreenDetector, _png_dpi
from vmscreen.media import media_from_array, open_media
from vmscreen.policy import Decision


class _NoText:
    """An OCR engine that reads nothing: the document check under the screenshot rule has
    nothing to find on these pictures, and the real engine's seconds are spared."""

    name, has_thorough_mode, version = "none", False, "0"

    def read(self, image, thorough=False, reread_from=0.0):
        return []


def _screen(data_or_array, **replaced):
    media = (open_media(data_or_array) if isinstance(data_or_array, bytes)
             else media_from_array(data_or_array))
    return list(ScreenDetector().detect(subject(media, engines(ocr=_NoText(), **replaced))))


def test_a_phone_screenshot_goes_to_review_with_its_cues():
    (found,) = _screen(png(phone_app()))
    assert found.code == "SCR101" and found.category.value == "copyright"
    cues = found.evidence_dict["cues"].split(",")
    assert {"device-size", "flat-colour", "flat-panels", "few-colours", "screen-bars",
            "lossless"} <= set(cues)
    assert found.score >= 0.7 and found.box is None
    assert default_policy().decide([found]).decision is Decision.REVIEW


def test_a_named_screenshot_program_is_enough_and_its_text_is_not_repeated():
    info = PngInfo()
    info.add_text("Software", "Spectacle 24.02 on host-secret-name")
    buffer = io.BytesIO()
    Image.fromarray(photo(size=(320, 240))).save(buffer, "PNG", pnginfo=info)
    (found,) = _screen(buffer.getvalue())
    assert found.evidence_dict["tool"] == "Spectacle"
    assert "secret" not in repr(found.to_dict())


def test_a_photo_with_a_cameras_noise_is_not_a_screenshot():
    assert _screen(png(Image.fromarray(photo(size=(1080, 1920))))) == []


def test_a_screen_filling_a_photo_is_a_photo_of_a_screen():
    tv = SceneObject((40.0, 30.0, 600.0, 450.0), 0.72, "tv")
    (found,) = _screen(photo(size=(640, 480)), objects=Objects(tv))
    assert found.code == "SCR102"
    assert found.evidence_dict == {"object": "tv", "frame_share": 0.766}
    assert found.box.to_list() == [40, 30, 600, 450]
    assert default_policy().decide([found]).decision is Decision.REVIEW


def test_a_small_or_doubtful_screen_is_not_reported():
    small = SceneObject((40.0, 30.0, 200.0, 150.0), 0.9, "laptop")
    doubtful = SceneObject((0.0, 0.0, 640.0, 480.0), 0.4, "tv")  # how passports on desks score
    assert _screen(photo(size=(640, 480)), objects=Objects(small, doubtful)) == []


def test_a_drawn_screen_is_not_a_photo_of_one():
    laptop = SceneObject((0.0, 0.0, 540.0, 960.0), 0.8, "laptop")
    found = _screen(png(phone_app(540, 960)), objects=Objects(laptop))
    assert [f.code for f in found] == ["SCR101"]


def test_a_pngs_density_is_read_before_its_pixels():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG", dpi=(144, 144))
    assert abs(_png_dpi(buffer.getvalue()) - 144) < 0.1
    assert _png_dpi(b"\x89PNG\r\n\x1a\n") is None and _png_dpi(b"GIF89a") is None
    assert _screen(np.zeros((2, 2, 3), np.uint8)) == []
