"""The private-scenes detector: signage read by the real OCR, objects from a stand-in object
model (the network is tested on its own), and how the default policy decides each kind."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from benchmarks.sets.synthetic_documents import BOLD, font
from tests.analyses.test_scene_model import write_classifier
from tests.fakes import Objects, engines, subject
from vmscreen import Decision, Screener, default_policy
from vmscreen.analyses.objects import SceneObject
from vmscreen.detectors.private_scenes import PrivateSceneDetector
from vmscreen.media import open_media
from vmscreen.policy import default_policy_text, load_policy


class _Classes:
    """An ImageNet classifier answering set probabilities (the rest spread evenly)."""

    def __init__(self, **given: float) -> None:
        self.probabilities_given = {_CLASS[name]: value for name, value in given.items()}

    def probabilities(self, image):
        rest = (1 - sum(self.probabilities_given.values())) / 1000
        values = np.full(1000, rest)
        for index, value in self.probabilities_given.items():
            values[index] += value
        return values


_CLASS = {"washbasin": 896, "bathtub": 435, "shower_curtain": 794, "four_poster": 564,
          "espresso": 967, "safe": 771}


def _sign(*lines: str, width: int = 720, height: int = 480) -> bytes:
    """A tiled wall with a dark sign plate on it, its lines in white capitals."""
    picture = Image.new("RGB", (width, height), (214, 210, 200))
    draw = ImageDraw.Draw(picture)
    for x in range(0, width, 60):
        draw.line((x, 0, x, height), fill=(180, 176, 168), width=2)
    for y in range(0, height, 60):
        draw.line((0, y, width, y), fill=(180, 176, 168), width=2)
    draw.rounded_rectangle((90, 110, width - 90, 130 + 90 * len(lines)), 16, fill=(30, 60, 110))
    for row, text in enumerate(lines):
        size = 56 if row == 0 else 34
        draw.text((width / 2, 160 + 90 * row), text, font=font(BOLD[0], size), anchor="mm",
                  fill=(255, 255, 255))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def _found(data: bytes, *objects: SceneObject, **classes: float):
    media = open_media(data)
    replaced = engines(objects=Objects(*objects), classes=_Classes(**classes))
    return list(PrivateSceneDetector().detect(subject(media, replaced)))


def _decision(findings) -> Decision:
    return default_policy().decide(findings).decision


def test_a_toilet_sign_rejects_and_names_the_list_entry_not_the_text():
    (found,) = _found(_sign("TOILETTES", "2E ETAGE GAUCHE"))
    assert found.code == "PLC103" and found.category.value == "private-place"
    assert found.evidence_dict["signs"] == "toilettes" and found.score >= 0.85
    assert "ETAGE" not in repr(found).upper() and "GAUCHE" not in repr(found).upper()
    assert found.box is not None and found.box.y0 >= 110 and found.box.y1 <= 220
    assert _decision([found]) is Decision.REJECT


def test_a_no_photography_sign_rejects():
    (found,) = _found(_sign("NO PHOTOGRAPHY"))
    assert found.code == "PLC107" and _decision([found]) is Decision.REJECT


def test_a_pharmacy_sign_may_be_a_shop_front_and_goes_to_review():
    (found,) = _found(_sign("APOTHEKE"))
    assert found.code == "PLC105" and 0.5 <= found.score < 0.85
    assert _decision([found]) is Decision.REVIEW


def test_a_word_that_only_supports_is_not_reported_alone_but_strengthens_a_toilet():
    assert _found(_sign("HOMMES")) == []
    toilet = SceneObject((300.0, 250.0, 420.0, 460.0), 0.4, "toilet")
    assert _found(_sign("CAFE"), toilet) == []  # an unsure toilet alone is not reported
    (together,) = _found(_sign("HOMMES"), toilet)
    assert together.code == "PLC103" and together.score == 0.5
    assert together.evidence_dict["objects"] == "toilet"
    assert together.evidence_dict["signs"] == "hommes"


def test_a_toilet_seen_rejects_with_its_box_and_a_bed_is_a_bedroom_the_policy_accepts():
    toilet = SceneObject((300.0, 250.0, 420.0, 460.0), 0.6, "toilet")
    (found,) = _found(_sign("CAFE"), toilet)
    assert found.code == "PLC103" and _decision([found]) is Decision.REJECT
    assert (found.box.x0, found.box.y0, found.box.x1, found.box.y1) == (300, 250, 420, 460)
    bed = SceneObject((50.0, 150.0, 650.0, 470.0), 0.6, "bed")
    (bedroom,) = _found(_sign("CAFE"), bed)
    assert bedroom.code == "PLC108" and _decision([bedroom]) is Decision.ACCEPT


def test_a_kitchen_sink_and_a_plain_wall_are_nothing():
    sink = SceneObject((300.0, 250.0, 420.0, 300.0), 0.6, "sink")
    fridge = SceneObject((500.0, 50.0, 700.0, 470.0), 0.6, "refrigerator")
    assert _found(_sign("CAFE"), sink, fridge) == []
    assert _found(_sign("CAFE")) == []


def test_the_screen_of_a_restroom_sign_rejects_with_the_real_models(screener):
    result = screener.screen(_sign("RESTROOMS"), name="sign.jpg")
    assert result.decision is Decision.REJECT
    assert "PLC103" in {f.code for f in result.findings}


@pytest.mark.parametrize(("classes", "score", "decision", "named"), [
    ({"washbasin": 0.4, "bathtub": 0.2}, 0.9, Decision.REJECT, "washbasin"),
    ({"shower_curtain": 0.25}, 0.7, Decision.REVIEW, "shower curtain"),
])
def test_bathroom_furniture_seen_by_the_classifier_is_a_bathroom(classes, score, decision,
                                                                   named):
    (found,) = _found(_sign("CAFE"), **classes)
    assert (found.code, found.score) == ("PLC103", score) and found.box is None
    assert found.evidence_dict["classes"] == named
    assert _decision([found]) is decision


def test_furniture_and_a_toilet_together_score_higher_than_either():
    toilet = SceneObject((300.0, 250.0, 420.0, 460.0), 0.6, "toilet")
    (found,) = _found(_sign("CAFE"), toilet, washbasin=0.6)
    assert found.score == 0.95 and found.evidence_dict["objects"] == "toilet"
    assert (found.box.x0, found.box.y0) == (300, 250)  # the object's box: the classes have none


def test_lockers_the_classifier_takes_for_a_safe_are_a_changing_room_for_review():
    (found,) = _found(_sign("CAFE"), safe=0.3)
    assert (found.code, found.score) == ("PLC104", 0.6)
    assert found.evidence_dict["classes"] == "lockers" and _decision([found]) is Decision.REVIEW
    assert _found(_sign("CAFE"), safe=0.1) == []


def test_a_four_poster_is_a_bedroom_and_an_espresso_is_nothing():
    (found,) = _found(_sign("CAFE"), four_poster=0.5)
    assert found.code == "PLC108" and _decision([found]) is Decision.ACCEPT
    assert _found(_sign("CAFE"), espresso=0.9) == []


def _rooms_policy(folder, sha256: str):
    """The built-in policy's rules and a scene model of rooms.onnx in ``folder`` whose
    "shower" label is a changing room."""
    (folder / "policy.toml").write_text(default_policy_text() + f"""
[scene_model]
path = "rooms.onnx"
sha256 = "{sha256}"
input_size = [32, 32]
labels = ["red-room", "green-room", "shower"]
min_score = 0.6

[scene_model.places]
changing-room = ["shower"]
""")
    return load_policy(folder / "policy.toml")


def test_the_operator_s_scene_model_reports_its_places(tmp_path):
    path = tmp_path / "rooms.onnx"
    digest = write_classifier(path)  # the channel whose mean is largest wins
    screener = Screener(policy=_rooms_policy(tmp_path, digest))
    blue = screener.screen(Image.new("RGB", (96, 64), (20, 20, 230)))
    (found,) = [f for f in blue.findings if f.detector == "private-scenes"]
    assert found.code == "PLC104" and found.evidence_dict["scene_model"] == "shower"
    assert found.score > 0.9 and blue.decision is Decision.REJECT
    red = screener.screen(Image.new("RGB", (96, 64), (230, 20, 20)))
    assert [f for f in red.findings if f.detector == "private-scenes"] == []


def test_a_scene_model_that_cannot_run_is_unscreened_and_the_other_cues_still_report(tmp_path):
    path = tmp_path / "rooms.onnx"
    write_classifier(path)
    result = Screener(policy=_rooms_policy(tmp_path, "0" * 64)).screen(
        _sign("TOILETTES"), name="sign.jpg")
    mine = [f for f in result.findings if f.detector == "private-scenes"]
    assert {f.code for f in mine} == {"PLC103", "UNS004"}
    (failed,) = [f for f in mine if f.code == "UNS004"]
    assert "sha256" in failed.message and result.decision is not Decision.ACCEPT
