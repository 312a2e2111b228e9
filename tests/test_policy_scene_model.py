"""The policy's [scene_model] table: an operator's own scene classifier, strictly read."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest

from vmscreen.policy import PolicyError, load_policy, parse_policy
from vmscreen.rules.place_kinds import PlaceKind

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SHA = "ab" * 32
HEAD = '[policy]\nname = "ops"\nversion = "3"\n'
TABLE = f'''
[scene_model]
path = "models/rooms.onnx"
sha256 = "{SHA.upper()}"
input_size = [224, 160]
layout = "NHWC"
colour = "BGR"
scale = 1.0
mean = [104, 117, 123]
std = [57.4, 57.1, 58.4]
labels = ["kitchen", "bathroom", "shower", "bedroom", "street"]
output = "logits"
min_score = 0.7

[scene_model.places]
bathroom = ["bathroom", "shower"]
bedroom = ["bedroom"]
'''


def _scene(text: str, base_dir: Path | None = None):
    return parse_policy(tomllib.loads(HEAD + text), base_dir=base_dir).scene_model


def test_a_scene_model_table_becomes_its_spec(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text(HEAD + TABLE)
    spec = load_policy(path).scene_model
    assert spec is not None
    assert spec.path == tmp_path / "models" / "rooms.onnx"  # beside the policy, like zones
    assert spec.sha256 == SHA  # any case, kept lower-case
    assert (spec.width, spec.height, spec.layout, spec.colour) == (224, 160, "NHWC", "BGR")
    assert (spec.scale, spec.mean, spec.std) == (1.0, (104.0, 117.0, 123.0), (57.4, 57.1, 58.4))
    assert spec.labels == ("kitchen", "bathroom", "shower", "bedroom", "street")
    assert spec.places == (("bathroom", PlaceKind.BATHROOM), ("shower", PlaceKind.BATHROOM),
                           ("bedroom", PlaceKind.BEDROOM))
    assert spec.place_of("shower") is PlaceKind.BATHROOM and spec.place_of("street") is None
    assert (spec.output, spec.min_score) == ("logits", 0.7)
    assert pickle.loads(pickle.dumps(load_policy(path))).scene_model == spec


def test_the_defaults_and_no_table_at_all():
    spec = _scene(f'[scene_model]\npath = "m.onnx"\nsha256 = "{SHA}"\ninput_size = [32, 32]\n'
                  'labels = ["a", "b"]\n[scene_model.places]\nhealth = ["b"]\n')
    assert (spec.layout, spec.colour, spec.scale, spec.mean, spec.std, spec.output,
            spec.min_score) == ("NCHW", "RGB", 1 / 255, (0.0,) * 3, (1.0,) * 3,
                                "probabilities", 0.5)
    assert spec.path == Path("m.onnx")
    assert _scene("") is None


def test_labels_can_come_from_a_file_one_a_line(tmp_path):
    (tmp_path / "labels.txt").write_text("kitchen\n  bathroom \nstreet\n\n")
    text = TABLE.replace('labels = ["kitchen", "bathroom", "shower", "bedroom", "street"]',
                         'labels_file = "labels.txt"')
    text = text.replace('["bathroom", "shower"]', '["bathroom"]').replace(
        'bedroom = ["bedroom"]\n', "")
    assert _scene(text, tmp_path).labels == ("kitchen", "bathroom", "street")
    (tmp_path / "labels.txt").write_text("kitchen\n\nbathroom\n")
    with pytest.raises(PolicyError, match=r"labels_file: line 2 of .* is empty"):
        _scene(text, tmp_path)
    with pytest.raises(PolicyError, match=r"\[scene_model\] labels_file: cannot read"):
        _scene(text, tmp_path / "elsewhere")


def _without(key: str) -> str:
    return "\n".join(line for line in TABLE.splitlines() if not line.startswith(f"{key} ="))


@pytest.mark.parametrize(("text", "message"), [
    (TABLE.replace("bedroom = [", "sauna = ["),
     r"\[scene_model.places\]: unknown kind of place sauna: use bathroom, changing-room, "
     "health, childcare, restricted, bedroom"),
    (TABLE.replace('bedroom = ["bedroom"]', 'bedroom = ["attic"]'),
     r"\[scene_model\] places: 'attic' is not one of the labels"),
    (TABLE.replace('bedroom = ["bedroom"]', 'bedroom = ["shower"]'),
     r"'shower' is listed under both bathroom and bedroom"),
    (TABLE.replace('bedroom = ["bedroom"]', 'bedroom = "bedroom"'),
     r"\[scene_model.places\] bedroom: must be a list of labels"),
    (TABLE.replace("[224, 160]", "[224]"),
     r"\[scene_model\] input_size must be \[width, height\], two whole numbers 1..4096, "
     "not an array"),
    (TABLE.replace("[224, 160]", "224"), r"input_size must be \[width, height\]"),
    (TABLE.replace("[224, 160]", "[224, 0]"), r"\[scene_model\] input_size must be"),
    (TABLE.replace("[224, 160]", "[224.0, 160]"), r"\[scene_model\] input_size must be"),
    (_without("sha256"), r"\[scene_model\]: needs sha256 \(the file's sha256"),
    (TABLE.replace(SHA.upper(), "abc"), r"\[scene_model\] sha256 must be the file's sha256"),
    (_without("path"), r"\[scene_model\]: needs path"),
    (TABLE.replace('"models/rooms.onnx"', '""'),
     r"\[scene_model\] path must be the path of an ONNX file"),
    (_without("labels"), "needs labels .* or labels_file"),
    (TABLE.replace("output = ", 'labels_file = "l.txt"\noutput = '), "one of the two"),
    (TABLE.replace('layout = "NHWC"', 'layout = "CHW"'),
     r"\[scene_model\] layout must be NCHW or NHWC"),
    (TABLE.replace('colour = "BGR"', 'color = "BGR"'),
     r"\[scene_model\]: unknown key\(s\) color"),
    (TABLE.replace("min_score = 0.7", "min_score = true"), "min_score must be a number"),
    (TABLE.replace("mean = [104, 117, 123]", "mean = 0.5"),
     r"\[scene_model\] mean must be three numbers, one per channel, not the number 0.5"),
    (TABLE.replace("std = [57.4, 57.1, 58.4]", "std = [1, 0, 1]"), "std must be three positive"),
    (TABLE.replace("scale = 1.0", 'scale = "1/255"'), "scale must be a positive number"),
    (TABLE.replace('output = "logits"', 'output = "softmax"'), "probabilities or logits"),
    (TABLE.replace('"street"]', '"street", "kitchen"]'), "'kitchen' is listed twice"),
    ("\n".join(TABLE.splitlines()[:14]), r"\[scene_model\]: needs places"),
])
def test_a_bad_scene_model_table_is_refused_with_one_line_naming_the_key(text, message):
    with pytest.raises(PolicyError, match=message) as caught:
        _scene(text)
    assert "\n" not in str(caught.value)


def test_scene_model_must_be_a_table():
    with pytest.raises(PolicyError, match=r"^\[scene_model\]: must be a table"):
        parse_policy({"policy": {"name": "p", "version": "1"}, "scene_model": "rooms.onnx"})
