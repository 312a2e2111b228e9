"""NudeNet 320n (the optional AGPL extra): NudeNet's own preprocessing, its YOLO rows decoded
into boxes, and nothing reported on photos that show nothing intimate."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from skimage import data

from vmscreen import Screener, default_policy, open_media
from vmscreen.detectors.base import ScreenContext
from vmscreen.detectors.nudity_parts import NudityPartsDetector
from vmscreen.sexual.nudenet import CLASSES, INPUT_SIDE, BodyPart, NudeNet, decode, preprocess


def test_the_image_is_padded_right_and_below_to_a_square_then_scaled_to_320():
    rgb = np.zeros((200, 400, 3), np.uint8)
    rgb[..., 0] = 255  # red
    tensor, factor = preprocess(rgb)
    assert tensor.shape == (1, 3, INPUT_SIDE, INPUT_SIDE) and factor == 400 / INPUT_SIDE
    assert tensor[0, :, 80, 160].tolist() == pytest.approx([1.0, 0.0, 0.0])  # RGB, 0..1
    assert tensor[0, :, 240, 160].tolist() == [0.0, 0.0, 0.0]  # the padding below


def test_rows_decode_to_boxes_with_their_class_after_nms():
    rows = np.zeros((1, 4 + len(CLASSES), 6), np.float32)
    breast = CLASSES.index("FEMALE_BREAST_EXPOSED")
    rows[0, :4, 0] = (100, 80, 40, 20)  # centre and size in input pixels
    rows[0, 4 + breast, 0] = 0.9
    rows[0, :4, 1] = (101, 80, 40, 20)  # the same part again, weaker: suppressed
    rows[0, 4 + breast, 1] = 0.5
    rows[0, :4, 2] = (10, 10, 4, 4)
    rows[0, 4 + breast, 2] = 0.1  # under the candidate floor
    (part,) = decode(rows, factor=2.0)
    assert part.label == "FEMALE_BREAST_EXPOSED" and part.score == pytest.approx(0.9)
    assert part.box == pytest.approx((160.0, 140.0, 240.0, 180.0))


class _Parts:
    """Set parts and a set whole-image score: the thresholds under test are the detector's."""

    def __init__(self, *parts: BodyPart) -> None:
        self.parts = list(parts)

    def detect(self, rgb, scale=1.0):
        return self.parts


class _Nsfw:
    def __init__(self, score: float) -> None:
        self.score = score

    def scores(self, images):
        return [self.score] * len(images)


@pytest.mark.parametrize(("label", "score", "expected"), [
    ("FEMALE_GENITALIA_EXPOSED", 0.55, "review"),
    ("FEMALE_BREAST_EXPOSED", 0.55, None),  # under its own threshold of 0.6
    ("BUTTOCKS_EXPOSED", 0.75, "reject"),
    ("BELLY_EXPOSED", 0.95, None),  # sportswear
    ("MALE_BREAST_EXPOSED", 0.95, None),
])
def test_per_class_thresholds_and_the_policy_bands(label, score, expected):
    detector = NudityPartsDetector(model=_Parts(BodyPart((10, 10, 60, 90), label, score)),
                                   nsfw=_Nsfw(0.4))
    media = open_media(_jpeg())
    findings = list(detector.detect(media, ScreenContext()))
    if expected is None:
        assert findings == []
    else:
        (finding,) = findings
        assert finding.code == "NUD101" and finding.box.to_list() == [10, 10, 60, 90]
        assert default_policy().decide(findings).decision.value == expected


def _jpeg() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (100, 100), (90, 90, 90)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["astronaut", "coffee", "chelsea"])
def test_the_real_model_finds_nothing_intimate_in_ordinary_photos(name):
    image = getattr(data, name)()
    parts = NudeNet(threads=1).detect(image)
    assert all(part.label in CLASSES for part in parts)
    assert not [p for p in parts if p.label.endswith("_EXPOSED") and "FEET" not in p.label
                and "ARMPITS" not in p.label and p.score >= 0.5]


def test_installing_the_extra_is_the_opt_in():
    result = Screener().screen(data.astronaut())
    (run,) = [r for r in result.detectors if r.name == "nudity-parts"]
    assert run.status == "ok" and run.licence.startswith("AGPL-3.0")


def test_parts_count_only_where_open_nsfw_sees_some_risk_too():
    part = BodyPart((10, 10, 60, 90), "FEMALE_GENITALIA_EXPOSED", 0.95)
    detector = NudityPartsDetector(model=_Parts(part), nsfw=_Nsfw(0.1))
    assert list(detector.detect(open_media(_jpeg()), ScreenContext())) == []


def test_a_colour_wheel_is_not_read_as_a_body():
    result = Screener().screen(data.colorwheel())  # NudeNet alone: buttocks at 0.83
    assert not [f for f in result.findings if f.category.value == "sexual-content"]


def test_redact_fills_a_part_box_and_leaves_the_rest_of_the_photo(tmp_path):
    detector = NudityPartsDetector(
        model=_Parts(BodyPart((20, 30, 60, 80), "FEMALE_BREAST_EXPOSED", 0.9)), nsfw=_Nsfw(0.6))
    copy = Screener(detectors=[detector]).redact(_jpeg(), tmp_path / "copy.jpg")
    assert copy.written and copy.codes == ("NUD101",)
    pixels = np.asarray(Image.open(copy.output).convert("L"), dtype=int)
    assert pixels[35:75, 25:55].max() < 30  # filled black (a JPEG edge aside)
    assert abs(pixels[85:, 70:].mean() - 90) < 4  # the grey around it untouched
