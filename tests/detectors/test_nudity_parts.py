"""The nudity-parts detector (NudeNet, the optional AGPL extra): per-class thresholds, the
policy's bands, open_nsfw's corroboration, and a redaction that fills a part's box."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from skimage import data

from tests.fakes import Parts, Scores, engines, subject
from vmscreen import Screener, default_policy, open_media
from vmscreen.analyses import BodyPart
from vmscreen.detectors.nudity_parts import NudityPartsDetector


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (100, 100), (90, 90, 90)).save(buffer, "JPEG")
    return buffer.getvalue()


def _found(part: BodyPart, nsfw: float) -> list:
    fakes = engines(body_parts=Parts(part), nsfw=Scores(nsfw))
    return list(NudityPartsDetector().detect(subject(open_media(_jpeg()), fakes)))


@pytest.mark.parametrize(("label", "score", "expected"), [
    ("FEMALE_GENITALIA_EXPOSED", 0.55, "review"),
    ("FEMALE_BREAST_EXPOSED", 0.55, None),  # under its own threshold of 0.6
    ("BUTTOCKS_EXPOSED", 0.75, "reject"),
    ("BELLY_EXPOSED", 0.95, None),  # sportswear
    ("MALE_BREAST_EXPOSED", 0.95, None),
])
def test_per_class_thresholds_and_the_policy_bands(label, score, expected):
    findings = _found(BodyPart((10, 10, 60, 90), label, score), nsfw=0.4)
    if expected is None:
        assert findings == []
    else:
        (finding,) = findings
        assert finding.code == "NUD101" and finding.box.to_list() == [10, 10, 60, 90]
        assert default_policy().decide(findings).decision.value == expected


def test_installing_the_extra_is_the_opt_in(screener):
    result = screener.screen(data.astronaut())
    (run,) = [r for r in result.detectors if r.name == "nudity-parts"]
    assert run.status == "ok" and run.licence.startswith("AGPL-3.0")


def test_parts_count_only_where_open_nsfw_sees_some_risk_too():
    part = BodyPart((10, 10, 60, 90), "FEMALE_GENITALIA_EXPOSED", 0.95)
    assert _found(part, nsfw=0.1) == []


def test_a_colour_wheel_is_not_read_as_a_body(screener):
    result = screener.screen(data.colorwheel())  # NudeNet alone: buttocks at 0.83
    assert not [f for f in result.findings if f.category.value == "sexual-content"]


def test_redact_fills_a_part_box_and_leaves_the_rest_of_the_photo(tmp_path):
    fakes = engines(body_parts=Parts(BodyPart((20, 30, 60, 80), "FEMALE_BREAST_EXPOSED", 0.9)),
                    nsfw=Scores(0.6))
    screener = Screener(detectors=[NudityPartsDetector()], engines=fakes)
    copy = screener.redact(_jpeg(), tmp_path / "copy.jpg")
    assert copy.written and copy.codes == ("NUD101",)
    pixels = np.asarray(Image.open(copy.output).convert("L"), dtype=int)
    assert pixels[35:75, 25:55].max() < 30  # filled black (a JPEG edge aside)
    assert abs(pixels[85:, 70:].mean() - 90) < 4  # the grey around it untouched
