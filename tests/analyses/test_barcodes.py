"""Barcode positions found on a turned copy are placed back in the photo's own frame, so a
redaction can cover a skewed licence barcode."""

from __future__ import annotations

import numpy as np
import pytest

from vmscreen.analyses.barcodes import _rotated, _unrotated, read_barcodes


@pytest.mark.parametrize("angle", [-12.0, 5.0, 30.0])
def test_a_point_on_a_turned_copy_maps_back_to_where_it_was(angle):
    grey = np.full((240, 400), 255, np.uint8)
    grey[58:63, 98:103] = 0  # a dot centred on (100, 60)
    turned = _rotated(grey, angle)
    ys, xs = np.nonzero(turned < 128)
    found = np.array([[xs.mean(), ys.mean()]])
    back = _unrotated(found, angle, (400, 240))
    assert back[0] == pytest.approx([100, 60], abs=1.5)


def _frame_with(code_format: str, *, inverted: bool = False, skew: float = 0.0):
    import zxingcpp
    from PIL import Image

    from vmscreen.media import media_from_pil

    code = zxingcpp.create_barcode("DAQ D1234567 vmscreen test", getattr(zxingcpp.BarcodeFormat,
                                                                         code_format))
    symbol = np.asarray(code.to_image(scale=4, add_quiet_zones=True))
    canvas = np.full((900, 1200), 235, np.uint8)
    canvas[200:200 + symbol.shape[0], 300:300 + symbol.shape[1]] = symbol
    if inverted:
        canvas = 255 - canvas
    picture = Image.fromarray(canvas).rotate(skew, Image.Resampling.BILINEAR, fillcolor=235)
    return media_from_pil(picture.convert("RGB")).frame(0)


@pytest.mark.parametrize("code_format", ["PDF417", "QRCode", "DataMatrix", "Aztec"])
def test_a_printed_code_of_each_document_format_is_read(code_format):
    found = read_barcodes(_frame_with(code_format))
    assert [(code.format, code.text) for code in found] == [
        (code_format, "DAQ D1234567 vmscreen test")]


def test_a_light_on_dark_qr_code_is_read_as_a_screen_shows_it_in_dark_mode():
    found = read_barcodes(_frame_with("QRCode", inverted=True))
    assert [code.format for code in found] == ["QRCode"]
    assert found[0].box.x0 >= 290 and found[0].box.y0 >= 190  # where it lies on the frame


@pytest.mark.parametrize("skew", [-1.0, 2.0, 3.5, -4.5, 6.0, 11.0])
def test_a_pdf417_skewed_either_side_of_the_turns_left_untried_is_read(skew):
    # Turns of 1.5 degrees or less are not tried (barcodes.LEVEL): codes just past that are
    # read by the first pass (here up to about 6 degrees), steeper ones only on a turned copy.
    found = read_barcodes(_frame_with("PDF417", skew=skew))
    assert [(code.format, code.text) for code in found] == [
        ("PDF417", "DAQ D1234567 vmscreen test")]
