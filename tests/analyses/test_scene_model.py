"""An operator's own scene model, run on tiny ONNX classifiers the tests write: the channel
means of the picture times a fixed weight matrix, so every score can be worked out by hand."""

from __future__ import annotations

import hashlib
import pickle
import threading
from dataclasses import replace
from pathlib import Path

import numpy as np
import onnxruntime
import pytest
from onnx import TensorProto, helper, numpy_helper, save_model
from PIL import Image

from tests.fakes import engines
from vmscreen import FrameAnalyses, Screener
from vmscreen.analyses.scene_model import (
    SceneModel,
    SceneModelError,
    SceneModelSpec,
    SceneScore,
    preprocess,
    private_places,
)
from vmscreen.codes import DETECTOR_FAILED
from vmscreen.detectors.base import DetectorInfo
from vmscreen.media import media_from_pil
from vmscreen.policy import parse_policy
from vmscreen.rules.place_kinds import PlaceKind

LABELS = ("red-room", "green-room", "shower")  # the channel whose mean is largest wins
PLACES = {"shower": PlaceKind.BATHROOM}
RED, BLUE, GREY = (230, 20, 20), (20, 20, 230), (128, 128, 128)


def write_classifier(path: Path, *, size: tuple[int, int] = (32, 32), layout: str = "NCHW",
                     weights: np.ndarray | None = None, softmax: bool = True,
                     static_output: bool = True) -> str:
    """A classifier taking 1 x 3 x H x W (or 1 x H x W x 3) floats: ReduceMean over the pixels
    -> MatMul by ``weights`` (3 x K; 10 x identity unless given) -> Softmax unless told not.
    Returns the file's sha256."""
    width, height = size
    weights = 10 * np.eye(3, dtype=np.float32) if weights is None else weights
    shape = [1, 3, height, width] if layout == "NCHW" else [1, height, width, 3]
    axes = [2, 3] if layout == "NCHW" else [1, 2]
    nodes = [helper.make_node("ReduceMean", ["x"], ["means"], axes=axes, keepdims=0),
             helper.make_node("MatMul", ["means", "w"], ["logits" if softmax else "scores"])]
    if softmax:
        nodes.append(helper.make_node("Softmax", ["logits"], ["scores"], axis=-1))
    out_shape = [1, weights.shape[1]] if static_output else ["batch", "classes"]
    graph = helper.make_graph(
        nodes, "tiny-scenes",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, out_shape)],
        initializer=[numpy_helper.from_array(weights.astype(np.float32), "w")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                              ir_version=8)
    save_model(model, str(path))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def spec_for(path: Path, sha256: str, **changes: object) -> SceneModelSpec:
    values: dict[str, object] = {"path": path, "sha256": sha256, "width": 32, "height": 32,
                                 "labels": LABELS, "places": PLACES}
    values.update(changes)
    return SceneModelSpec(**values)  # type: ignore[arg-type]


@pytest.fixture
def tiny(tmp_path: Path) -> SceneModelSpec:
    path = tmp_path / "tiny.onnx"
    return spec_for(path, write_classifier(path))


def picture(colour: tuple[int, int, int], size: tuple[int, int] = (80, 60)) -> Image.Image:
    return Image.new("RGB", size, colour)


def softmax(values: np.ndarray) -> np.ndarray:
    exp = np.exp(values - values.max())
    return exp / exp.sum()


# -- what it answers --------------------------------------------------------------------------

def test_a_blue_picture_is_the_bathroom_label_and_a_red_one_no_place(tiny):
    model = SceneModel(tiny, threads=1)
    blue = model.classify(picture(BLUE))
    assert blue[0].label == "shower" and blue[0].place is PlaceKind.BATHROOM
    assert blue[0].score > 0.99
    red = model.classify(picture(RED))
    assert (red[0].label, red[0].place) == ("red-room", None)
    assert sum(s.score for s in red) == pytest.approx(1.0)
    assert [s.score for s in red] == sorted((s.score for s in red), reverse=True)


def test_private_places_keeps_places_at_the_minimum_score(tiny):
    scores = SceneModel(tiny, threads=1).classify(picture(BLUE))
    assert private_places(scores, 0.5) == (scores[0],)
    assert private_places(scores, 1.0) == ()
    assert private_places((SceneScore("red-room", 1.0, None),), 0.1) == ()


@pytest.mark.parametrize("options", [
    {},
    {"mean": (0.5, 0.5, 0.1)},
    {"std": (1.0, 1.0, 0.05)},
    {"scale": 1.0, "mean": (100.0, 120.0, 140.0), "std": (50.0, 60.0, 70.0)},
    {"colour": "BGR"},
])
def test_normalisation_and_colour_order_reach_the_model(tmp_path, options):
    path = tmp_path / "logits.onnx"
    rng = np.random.default_rng(1)
    weights = rng.normal(size=(3, 3)).astype(np.float32) * 4
    spec = spec_for(path, write_classifier(path, weights=weights, softmax=False),
                    output="logits", **options)
    pixel = np.array([200.0, 90.0, 30.0])
    channels = pixel[::-1] if spec.colour == "BGR" else pixel
    expected = softmax(((channels * spec.scale - np.array(spec.mean)) / np.array(spec.std))
                       @ weights)
    scores = {s.label: s.score for s in SceneModel(spec, threads=1).classify(
        picture((200, 90, 30)))}
    assert [scores[label] for label in LABELS] == pytest.approx(expected.tolist(), abs=1e-4)


def test_the_mean_can_turn_a_grey_picture_into_the_bathroom(tiny):
    model = SceneModel(tiny, threads=1)
    assert model.classify(picture(GREY))[0].score == pytest.approx(1 / 3, abs=1e-3)
    leaning = SceneModel(replace(tiny, mean=(0.3, 0.3, 0.0)), threads=1)
    assert leaning.classify(picture(GREY))[0].place is PlaceKind.BATHROOM
    red_as_blue = SceneModel(replace(tiny, colour="BGR"), threads=1)
    assert red_as_blue.classify(picture(RED))[0].label == "shower"


def test_preprocessing_squashes_to_the_input_size_in_either_layout(tiny):
    # Left half red, right half blue, to a 32 x 16 input: width first, as input_size says.
    image = Image.new("RGB", (200, 50), RED)
    image.paste(BLUE, (100, 0, 200, 50))
    nchw = preprocess(image, replace(tiny, width=32, height=16))
    nhwc = preprocess(image, replace(tiny, width=32, height=16, layout="NHWC"))
    assert nchw.shape == (1, 3, 16, 32) and nhwc.shape == (1, 16, 32, 3)
    assert nchw.dtype == np.float32 and nchw.flags["C_CONTIGUOUS"]
    assert nchw[0, 0, :, :14].min() == pytest.approx(230 / 255, abs=1e-3)
    assert nchw[0, 2, :, 18:].min() == pytest.approx(230 / 255, abs=1e-3)
    np.testing.assert_array_equal(nchw[0].transpose(1, 2, 0), nhwc[0])


def test_an_nhwc_model_runs_with_layout_nhwc(tmp_path):
    path = tmp_path / "nhwc.onnx"
    spec = spec_for(path, write_classifier(path, size=(24, 16), layout="NHWC"), width=24,
                    height=16, layout="NHWC")
    assert SceneModel(spec, threads=1).classify(picture(BLUE))[0].label == "shower"
    with pytest.raises(SceneModelError, match=r"takes 1x16x24x3, not the policy's NCHW"):
        SceneModel(replace(spec, layout="NCHW"), threads=1).classify(picture(BLUE))


# -- refusing a model that is not the policy's ------------------------------------------------

def test_a_file_whose_sha256_differs_is_refused(tiny):
    wrong = replace(tiny, sha256="0" * 64)
    with pytest.raises(SceneModelError, match=r"sha256 [0-9a-f]{12}\.\.\. is not the policy's"):
        SceneModel(wrong, threads=1).classify(picture(BLUE))


def test_a_missing_file_is_refused(tiny, tmp_path):
    gone = replace(tiny, path=tmp_path / "gone.onnx")
    with pytest.raises(SceneModelError, match=r"cannot read .*gone\.onnx"):
        SceneModel(gone, threads=1).classify(picture(BLUE))


def test_a_file_that_is_no_model_is_refused(tmp_path):
    path = tmp_path / "notes.onnx"
    path.write_bytes(b"not a model")
    spec = spec_for(path, hashlib.sha256(b"not a model").hexdigest())
    with pytest.raises(SceneModelError, match="onnxruntime cannot load it"):
        SceneModel(spec, threads=1).classify(picture(BLUE))


def test_an_output_of_another_size_than_the_labels_is_refused(tmp_path):
    path = tmp_path / "four.onnx"
    spec = spec_for(path, write_classifier(path, weights=np.ones((3, 4), np.float32)))
    with pytest.raises(SceneModelError, match="answers 4 scores for the policy's 3 labels"):
        SceneModel(spec, threads=1).classify(picture(BLUE))
    # Declared without a size, it is caught when it answers.
    path = tmp_path / "dynamic.onnx"
    spec = spec_for(path, write_classifier(path, weights=np.ones((3, 4), np.float32),
                                           static_output=False))
    with pytest.raises(SceneModelError, match="answers 4 scores for the policy's 3 labels"):
        SceneModel(spec, threads=1).classify(picture(BLUE))


def test_an_input_of_another_size_is_refused(tiny):
    with pytest.raises(SceneModelError, match=r"takes 1x3x32x32, not the policy's NCHW 1x3x16x32"):
        SceneModel(replace(tiny, height=16), threads=1).classify(picture(BLUE))


def test_logits_said_to_be_probabilities_are_refused(tmp_path):
    path = tmp_path / "logits.onnx"
    spec = spec_for(path, write_classifier(path, softmax=False))
    with pytest.raises(SceneModelError, match=r"outside 0\.\.1; if they are logits"):
        SceneModel(spec, threads=1).classify(picture(BLUE))
    scores = SceneModel(replace(spec, output="logits"), threads=1).classify(picture(BLUE))
    assert scores[0].label == "shower" and scores[0].score > 0.99


@pytest.mark.parametrize(("changes", "message"), [
    ({"sha256": "abc"}, "sha256 must be"),
    ({"width": 0}, "input_size"),
    ({"height": True}, "input_size"),
    ({"layout": "CHW"}, "layout must be NCHW or NHWC"),
    ({"colour": "rgb"}, "colour must be RGB or BGR"),
    ({"scale": 0}, "scale must be a positive number"),
    ({"std": (1.0, 0.0, 1.0)}, "std must be three positive numbers"),
    ({"mean": (0.0, 0.0)}, "mean must be three numbers"),
    ({"labels": ("a", "a")}, "'a' is listed twice"),
    ({"labels": ("only",)}, "two or more"),
    ({"places": {"sauna": PlaceKind.HEALTH}}, "'sauna' is not one of the labels"),
    ({"places": {"shower": "bathroom"}}, "not a PlaceKind"),
    ({"places": {}}, "at least one label"),
    ({"min_score": 1.5}, "min_score"),
    ({"output": "softmax"}, "output must be probabilities or logits"),
])
def test_a_spec_that_cannot_be_right_is_refused(tmp_path, changes, message):
    values = {"sha256": "a" * 64, **changes}
    with pytest.raises(ValueError, match=message):
        spec_for(tmp_path / "m.onnx", **values)


# -- one session, shared; pickled as its description ------------------------------------------

def test_the_session_is_created_once_and_reused(tiny, monkeypatch):
    created = []
    real = onnxruntime.InferenceSession

    def counting(*args: object, **kwargs: object) -> object:
        created.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(onnxruntime, "InferenceSession", counting)
    model = SceneModel(tiny, threads=1)
    assert not model.loaded  # nothing loads before the first picture
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(model.classify(picture(BLUE))))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    model.classify(picture(RED))
    assert len(created) == 1 and len(answers) == 4 and model.loaded


def test_the_spec_and_the_model_survive_pickling(tiny):
    assert pickle.loads(pickle.dumps(tiny)) == tiny
    model = SceneModel(tiny, threads=1)
    model.classify(picture(BLUE))
    copy = pickle.loads(pickle.dumps(model))
    assert copy.spec == tiny and copy.threads == 1 and not copy.loaded
    assert copy.classify(picture(BLUE))[0].place is PlaceKind.BATHROOM


# -- wired into the analyses and the screener -------------------------------------------------

def _analyses(image: Image.Image, scene: object) -> FrameAnalyses:
    media = media_from_pil(image)
    return FrameAnalyses(media.frame(0), engines(scene=scene))


def test_a_frame_s_scene_is_computed_once_and_nothing_without_a_model(tiny):
    class Counting:
        spec = tiny

        def __init__(self) -> None:
            self.calls = 0
            self.model = SceneModel(tiny, threads=1)

        def classify(self, image: Image.Image) -> tuple[SceneScore, ...]:
            self.calls += 1
            return self.model.classify(image)

    counting = Counting()
    analyses = _analyses(picture(BLUE), counting)
    assert analyses.scene() is analyses.scene()
    assert analyses.scene()[0].place is PlaceKind.BATHROOM and counting.calls == 1
    assert _analyses(picture(BLUE), None).scene() == ()


def _policy_with(spec: SceneModelSpec, base: Path):
    places = {kind.value: [label for label, k in spec.places if k is kind]
              for kind in {k for _, k in spec.places}}
    return parse_policy({"policy": {"name": "p", "version": "1"},
                         "scene_model": {"path": spec.path.name, "sha256": spec.sha256,
                                         "input_size": [spec.width, spec.height],
                                         "labels": list(spec.labels), "places": places}},
                        base_dir=base)


class AsksForTheScene:
    info = DetectorInfo(name="asks-for-the-scene", version="1.0", codes=())

    def detect(self, subject):
        subject.analyses.scene()
        return []


def test_the_screener_runs_the_policy_s_model_and_a_broken_one_is_unscreened(tiny, tmp_path):
    policy = _policy_with(tiny, tmp_path)
    assert policy.scene_model == tiny
    screener = Screener(policy, detectors=[AsksForTheScene()], threads=1)
    assert isinstance(screener.engines.scene, SceneModel)
    assert screener.engines.scene.spec == tiny and screener.engines.scene.threads == 1
    result = screener.screen(picture(BLUE))
    assert not result.errors
    assert any(m.name == "scene-model:tiny.onnx" for run in result.detectors
               for m in run.models)
    (tmp_path / "tiny.onnx").write_bytes(b"changed")
    broken = Screener(policy, detectors=[AsksForTheScene()], threads=1).screen(picture(BLUE))
    assert [f.code for f in broken.errors] == [DETECTOR_FAILED.code]
    assert "sha256" in broken.errors[0].message and broken.decision.value != "accept"
