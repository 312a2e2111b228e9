"""The screenshot rule: a named screenshot program or comment is enough alone, the weaker
metadata cues are not, and the pixel cues need flat colour and a second sign of an interface."""

from __future__ import annotations

import pytest

from vmscreen.rules.screenshots import (
    CUES,
    SCREENSHOT_SCORE,
    TOOLS,
    ScreenshotMetadata,
    ScreenshotPixels,
    aligned_lines,
    device_size,
    is_screenshot,
    metadata_cues,
    pixel_cues,
    screenshot_tool,
)


@pytest.mark.parametrize(("text", "tool"), [
    ("spectacle", "Spectacle"),
    ("Spectacle 24.02.1", "Spectacle"),
    ("gnome-screenshot", "gnome-screenshot"),
    ("Snipping Tool", "Snipping Tool"),
    ("Greenshot", "Greenshot"),
    ("ShareX 15.0", "ShareX"),
    ("flameshot 12.1.0", "Flameshot"),
    ("Screenshot", "screenshot"),
    ("ASCIIScreenshot", "screenshot"),  # EXIF UserComment with its charset glued on
    ("Screen Shot 2019-03-01 at 10.12.01", "screenshot"),
    ("Bildschirmfoto vom 2024-05-01", "screenshot"),
    ("Adobe Photoshop 25.0", None),
    ("iOS 17.1", None),
    ("Spectacular sunset over the bay", None),
    ("", None),
])
def test_screenshot_programs_and_comments_are_named_from_a_fixed_list(text, tool):
    assert screenshot_tool(text) == tool
    assert tool is None or tool in TOOLS


def test_a_named_screenshot_program_is_enough_alone():
    cues = metadata_cues(ScreenshotMetadata(software=("gnome-screenshot",), camera=True))
    assert cues.score >= SCREENSHOT_SCORE and cues.tool == "gnome-screenshot"
    assert cues.cues == ("screenshot-tool",)
    comment = metadata_cues(ScreenshotMetadata(comments=("ASCIIScreenshot",)))
    assert comment.score >= SCREENSHOT_SCORE and comment.cues == ("screenshot-comment",)


def test_the_weaker_metadata_cues_together_are_not_enough():
    iphone = ScreenshotMetadata(width=1170, height=2532, dpi=144.0, lossless=True)
    cues = metadata_cues(iphone)
    assert set(cues.cues) == {"no-camera", "device-size", "retina-density"}
    assert 0 < cues.score < SCREENSHOT_SCORE


def test_a_screen_size_counts_only_for_a_lossless_file_without_a_camera():
    size = {"width": 1920, "height": 1080}
    assert "device-size" in metadata_cues(ScreenshotMetadata(**size, lossless=True)).cues
    assert "device-size" not in metadata_cues(ScreenshotMetadata(**size)).cues  # a JPEG
    with_camera = metadata_cues(ScreenshotMetadata(**size, lossless=True, camera=True))
    assert with_camera.score == 0 and with_camera.cues == ()


@pytest.mark.parametrize(("width", "height", "screen"), [
    (1080, 1920, True), (1920, 1080, True), (1125, 2436, True), (1170, 2532, True),
    (2560, 1440, True), (1366, 768, True), (4032, 3024, False), (1024, 768, False),
    (1600, 1200, False), (1081, 1920, False),
])
def test_device_sizes_are_exact_screen_sizes_either_way_up(width, height, screen):
    assert device_size(width, height) is screen


def test_png_densities_of_screens():
    retina = metadata_cues(ScreenshotMetadata(dpi=143.9926, camera=True))
    assert retina.cues == ("retina-density",)
    assert metadata_cues(ScreenshotMetadata(dpi=72.009, camera=True)).cues == ("screen-density",)
    assert metadata_cues(ScreenshotMetadata(dpi=300.0, camera=True)).cues == ()


def test_level_lines_sharing_a_left_edge_are_counted():
    column = [(0.0, 40.0), (0.1, 41.0), (0.0, 40.0), (-0.2, 39.5)]
    assert aligned_lines(column) == 4
    assert aligned_lines([(0.0, 40.0), (0.0, 200.0), (0.0, 400.0)]) == 0
    tilted = [(3.0, 40.0), (3.1, 40.0), (2.9, 41.0)]  # a page photographed at an angle
    assert aligned_lines(tilted) == 0


def _pixels(**changed: object) -> ScreenshotPixels:
    base = {"flat_share": 0.0, "panel_share": 0.0, "flat_colours": 0, "colour_share": 0.3,
            "grey": False, "bands": 0, "aligned_lines": 0, "lossless": False}
    return ScreenshotPixels(**{**base, **changed})  # type: ignore[arg-type]


def test_an_interface_in_pixels_passes():
    window = _pixels(flat_share=0.7, panel_share=0.25, flat_colours=8, colour_share=0.001,
                     aligned_lines=12, lossless=True)
    cues = pixel_cues(window)
    assert cues.score >= SCREENSHOT_SCORE
    assert set(cues.cues) == {"flat-colour", "flat-panels", "few-colours", "aligned-text",
                              "lossless"}
    assert set(cues.cues) <= set(CUES)


@pytest.mark.parametrize("picture", [
    _pixels(flat_share=0.65, flat_colours=1, panel_share=0.003, colour_share=0.08),  # backdrop
    _pixels(flat_share=0.85, flat_colours=2, colour_share=0.0, grey=True, lossless=True,
            aligned_lines=4),  # a black-and-white text image
    _pixels(flat_share=0.7, flat_colours=27, panel_share=0.6, colour_share=0.036),  # gradient
    _pixels(flat_share=0.01, colour_share=0.4),  # a photo
])
def test_flat_colour_alone_or_a_photo_does_not_pass(picture):
    assert pixel_cues(picture).score < SCREENSHOT_SCORE


def test_metadata_and_pixels_add_up():
    phone = metadata_cues(ScreenshotMetadata(width=1080, height=1920, lossless=True))
    flat = pixel_cues(_pixels(flat_share=0.65, lossless=True))
    assert phone.score < SCREENSHOT_SCORE and flat.score < SCREENSHOT_SCORE
    both = phone + flat
    assert both.score >= SCREENSHOT_SCORE and both.score <= 1.0
    assert both.cues == (*phone.cues, *flat.cues)


def test_a_frame_of_a_clip_needs_an_interfaces_columns_of_text():
    drawn = {"flat_share": 0.7, "panel_share": 0.2, "flat_colours": 5, "colour_share": 0.01}
    assert pixel_cues(_pixels(**drawn, moving=True)).score == 0  # animation, a title card
    recording = pixel_cues(_pixels(**drawn, moving=True, aligned_lines=12))
    assert recording.score >= SCREENSHOT_SCORE and "aligned-text" in recording.cues


def test_a_drawing_is_a_screenshot_only_with_a_sign_of_an_interface():
    drawing = pixel_cues(_pixels(flat_share=0.9, panel_share=0.1, flat_colours=5,
                                 colour_share=0.009))  # a drawn portrait on a flat canvas
    assert drawing.score >= SCREENSHOT_SCORE and not is_screenshot(drawing)
    with_bars = pixel_cues(_pixels(flat_share=0.9, panel_share=0.1, flat_colours=5,
                                   colour_share=0.009, bands=2))
    assert is_screenshot(with_bars)
    assert is_screenshot(metadata_cues(ScreenshotMetadata(software=("ShareX",))))
