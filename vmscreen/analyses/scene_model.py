"""An operator's own scene classifier: an ONNX file the policy names (``[scene_model]``), checked
by sha256 like the bundled models, whose labels map to kinds of private place.

The description (``SceneModelSpec``, ``SceneModelError``) lives with the model manifest in
``vmscreen.models``, so that the policy can hold it; here is what runs it. The session loads on
first use from the very bytes whose sha256 was checked, and is kept. A model that cannot run
(its file missing, its sha256 not the policy's, an input or output other than the policy says)
raises SceneModelError, which the detector asking for the scene reports as unscreened.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from PIL import Image

from vmscreen.media import Frame
from vmscreen.models import SceneModelError, SceneModelSpec, note_use, session_options
from vmscreen.rules.place_kinds import PlaceKind

__all__ = ["VIEW_SIDE", "SceneClassifier", "SceneModel", "SceneModelError", "SceneModelSpec",
           "SceneScore", "classify_frame", "preprocess", "private_places"]

# The frame's view the picture is squashed from: far larger than any classifier's input, and
# cheap (the views are shared with the other analyses).
VIEW_SIDE = 1024
# How far probabilities may stray outside 0..1 (float rounding) before the output is refused.
_TOLERANCE = 1e-3


@dataclass(frozen=True)
class SceneScore:
    """One label's probability, and the private place it shows (None: no private place)."""

    label: str
    score: float
    place: PlaceKind | None


def preprocess(image: Image.Image, spec: SceneModelSpec) -> np.ndarray:
    """The model's float32 input with a batch of one: the picture squashed to the input size
    (bilinear, no crop), channels in the spec's colour order, (pixel * scale - mean) / std,
    laid out NCHW or NHWC."""
    resized = image.convert("RGB").resize((spec.width, spec.height),
                                          Image.Resampling.BILINEAR)
    pixels = np.asarray(resized, np.float32)
    if spec.colour == "BGR":
        pixels = pixels[..., ::-1]
    values = (pixels * np.float32(spec.scale) - np.asarray(spec.mean, np.float32)) \
        / np.asarray(spec.std, np.float32)
    if spec.layout == "NCHW":
        values = values.transpose(2, 0, 1)
    return np.ascontiguousarray(values[None], np.float32)


def _probabilities(output: np.ndarray, spec: SceneModelSpec) -> np.ndarray:
    values = np.asarray(output, np.float64).reshape(-1)
    if values.size != len(spec.labels):
        raise SceneModelError(f"model {spec.name}: answers {values.size} scores for the "
                              f"policy's {len(spec.labels)} labels")
    if not np.isfinite(values).all():
        raise SceneModelError(f"model {spec.name}: answers scores that are not numbers")
    if spec.output == "logits":
        exp = np.exp(values - values.max())
        return exp / exp.sum()
    if values.min() < -_TOLERANCE or values.max() > 1 + _TOLERANCE:
        raise SceneModelError(f"model {spec.name}: answers scores outside 0..1; if they are "
                              "logits, say output = \"logits\"")
    return np.clip(values, 0.0, 1.0)


def _static(shape: Any) -> tuple[int | None, ...]:
    """An ONNX shape with its named or unknown dimensions as None."""
    return tuple(d if isinstance(d, int) else None for d in shape)


class SceneModel:
    """Runs one SceneModelSpec. Thread-safe: the session is created on first use, under a
    lock, and kept; sessions run concurrently. Pickles as its spec and thread setting (a
    batch worker loads its own copy)."""

    def __init__(self, spec: SceneModelSpec, threads: int = 0) -> None:
        self.spec = spec
        self.threads = threads
        self._lock = threading.Lock()
        self._session: Any = None
        self._input = ""

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def _load(self) -> Any:
        """The session, checked against the spec: one float input of its size and layout, a
        first output of one score per label where the file says its size."""
        import onnxruntime as ort

        spec = self.spec
        data = spec.verified_bytes()
        try:
            session = ort.InferenceSession(data, session_options(self.threads),
                                           providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own unexported types
            raise SceneModelError(f"model {spec.name}: onnxruntime cannot load it: "
                                  f"{str(exc)[:200]}") from None
        inputs, outputs = session.get_inputs(), session.get_outputs()
        if len(inputs) != 1 or inputs[0].type != "tensor(float)":
            raise SceneModelError(f"model {spec.name}: takes {len(inputs)} input(s) of "
                                  f"{inputs[0].type if inputs else 'nothing'}, not one "
                                  "float tensor")
        wanted = (1, 3, spec.height, spec.width) if spec.layout == "NCHW" \
            else (1, spec.height, spec.width, 3)
        declared = _static(inputs[0].shape)
        if len(declared) != 4 or any(d is not None and d != w
                                     for d, w in zip(declared, wanted, strict=True)):
            shown = "x".join("?" if d is None else str(d) for d in declared)
            raise SceneModelError(f"model {spec.name}: takes {shown or 'a scalar'}, not the "
                                  f"policy's {spec.layout} "
                                  f"{'x'.join(str(w) for w in wanted)}")
        if not outputs:
            raise SceneModelError(f"model {spec.name}: has no output")
        answered = _static(outputs[0].shape)
        if all(d is not None for d in answered):
            size = int(np.prod(answered)) if answered else 1
            if size != len(spec.labels):
                raise SceneModelError(f"model {spec.name}: answers {size} scores for the "
                                      f"policy's {len(spec.labels)} labels")
        self._input = str(inputs[0].name)
        return session

    def session(self) -> Any:
        """The checked session, created on first use and kept."""
        with self._lock:
            if self._session is None:
                self._session = self._load()
            return self._session

    def classify(self, image: Image.Image) -> tuple[SceneScore, ...]:
        """Every label's probability for the picture, the most likely first."""
        session = self.session()
        note_use(self.spec.ref)
        (output, *_rest) = session.run(None, {self._input: preprocess(image, self.spec)})
        probabilities = _probabilities(output, self.spec)
        order = sorted(range(len(self.spec.labels)), key=lambda i: -probabilities[i])
        return tuple(SceneScore(self.spec.labels[i], float(probabilities[i]),
                                self.spec.place_of(self.spec.labels[i])) for i in order)

    def __getstate__(self) -> dict[str, object]:  # workers load their own copy
        return {"spec": self.spec, "threads": self.threads}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["spec"], state["threads"])  # type: ignore[misc, arg-type]


class SceneClassifier(Protocol):
    """Scores a picture: every label's probability and its private place, most likely first."""

    spec: SceneModelSpec

    def classify(self, image: Image.Image) -> tuple[SceneScore, ...]: ...


def classify_frame(frame: Frame, model: SceneClassifier) -> tuple[SceneScore, ...]:
    """The frame's scene scores, from its view of at most VIEW_SIDE pixels."""
    return model.classify(frame.image(VIEW_SIDE))


def private_places(scores: tuple[SceneScore, ...], min_score: float) -> tuple[SceneScore, ...]:
    """The scores that show a private place at ``min_score`` or more, the most likely first."""
    return tuple(s for s in scores if s.place is not None and s.score >= min_score)
