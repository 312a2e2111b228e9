"""Every Pillow mode becomes 8-bit RGB that keeps the picture: deep images scaled by their
brightest value (read in bands, so the bands must agree), transparency over white, and turned
upright as Pillow turns it."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageOps

from tests import imaging
from vmscreen.media.formats import to_rgb, upright_rgb


def test_a_deep_image_taller_than_a_band_is_scaled_as_one_picture():
    rows = np.linspace(0, 60_000, 1300, dtype=np.float64).astype(np.uint16)  # 3 bands of rows
    deep = Image.fromarray(np.repeat(rows[:, None], 8, axis=1))
    grey = np.asarray(to_rgb(deep))[:, 0, 0]
    assert grey[0] == 0 and grey[-1] == 255  # the brightest row, in the last band, is white
    assert abs(int(grey[650]) - 127) <= 1  # half way down, half as bright: one scale for all
    assert np.all(np.diff(grey.astype(int)) >= 0)


def test_a_float_image_with_nan_and_infinities_keeps_its_finite_values():
    values = np.full((600, 4), 0.5, np.float32)
    values[0, 0], values[1, 0], values[2, 0], values[599, 3] = np.nan, np.inf, -np.inf, 2.0
    rgb = np.asarray(to_rgb(Image.fromarray(values, "F")))
    assert rgb[599, 3, 0] == 255 and rgb[10, 1, 0] in (63, 64)  # 0.5 of a brightest 2.0
    assert rgb[0, 0, 0] == rgb[1, 0, 0] == rgb[2, 0, 0] == 0


def test_an_opaque_rgba_image_is_its_rgb_and_transparency_becomes_white():
    rgb = Image.new("RGB", (6, 4), (10, 120, 200))
    opaque = rgb.copy()
    opaque.putalpha(255)
    assert to_rgb(opaque).tobytes() == rgb.tobytes()
    half = rgb.copy()
    half.putalpha(0)
    assert to_rgb(half).getpixel((1, 1)) == (255, 255, 255)


@pytest.mark.parametrize("turn", range(1, 9))
@pytest.mark.parametrize("mode", ["RGB", "RGBA", "I;16"])
def test_every_exif_orientation_is_undone_as_pillow_undoes_it(turn, mode):
    pixels = np.arange(5 * 3 * 3, dtype=np.uint8).reshape(5, 3, 3) * 5  # no two pixels alike
    image = Image.fromarray(pixels)
    image = image.convert(mode) if mode != "I;16" else Image.fromarray(
        pixels[..., 0].astype(np.uint16) * 200)
    exif = image.getexif()
    exif[0x0112] = turn
    stored = Image.open(io.BytesIO(imaging.encode(image, "PNG", exif=exif)))
    stored.load()
    expected = to_rgb(ImageOps.exif_transpose(stored))
    assert np.array_equal(np.asarray(upright_rgb(stored)), np.asarray(expected))


def test_a_consumed_frame_is_closed_once_converted_and_an_upright_rgb_one_is_kept():
    rgba = Image.new("RGBA", (8, 6), (10, 20, 30, 255))
    rgb = upright_rgb(rgba, consume=True)
    assert rgb.getpixel((0, 0)) == (10, 20, 30)
    with pytest.raises(ValueError, match="closed"):
        rgba.getpixel((0, 0))
    plain = Image.new("RGB", (8, 6))
    assert upright_rgb(plain, consume=True) is plain
