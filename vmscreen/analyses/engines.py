"""The models every analysis runs on, built once per Screener from one set of choices and one
thread setting, and shared by every medium it screens. Models load on first use, not here."""

from __future__ import annotations

from dataclasses import dataclass, field

from vmscreen.analyses.banks import ReferenceBanks
from vmscreen.analyses.faces import FaceModel, make_face_model
from vmscreen.analyses.image_classes import EfficientNetLite0, ImageClassifier
from vmscreen.analyses.marks import ClipMarks
from vmscreen.analyses.nsfw import (
    BodyPartModel,
    NsfwJs,
    NsfwModel,
    NudeNet,
    OpenNsfw,
    PictureClassifier,
)
from vmscreen.analyses.objects import ObjectModel
from vmscreen.analyses.ocr import OcrEngine, make_engine
from vmscreen.analyses.people import NanoDet, PersonModel
from vmscreen.analyses.scene_model import SceneClassifier
from vmscreen.analyses.speech import DigitModel, DigitReader, SileroVad, SpeechModel


@dataclass(frozen=True)
class Engines:
    """One engine per kind of analysis. Any of them can be replaced (a test's fake, a model of
    your own) as long as it keeps the protocol its analysis reads."""

    ocr: OcrEngine
    faces: FaceModel
    people: PersonModel
    # Every COCO class. The built-in one is the people's NanoDet itself: FrameAnalyses then takes
    # the people from the object search, so the network runs once per frame.
    objects: ObjectModel
    nsfw: NsfwModel
    body_parts: BodyPartModel  # NudeNet: its file exists only with the vmscreen[nudenet] extra
    speech: SpeechModel
    digits: DigitModel
    threads: int = 0
    # The frames of the one clip being screened, for the marks that persist across its scenes
    # (vmscreen.analyses.marks): given to each clip's own copy by the Screener; None for photos.
    marks: ClipMarks | None = None
    # The reference banks frames and tracks are matched against (vmscreen.analyses.banks), read
    # on first use and kept; none unless the Screener is given a banks directory.
    banks: ReferenceBanks = field(default_factory=ReferenceBanks)
    # ImageNet-1k classes of a frame (the furniture of bathrooms and bedrooms).
    classes: ImageClassifier = field(default_factory=EfficientNetLite0)
    # nsfwjs's five classes of a picture (drawing, hentai, neutral, porn, sexy): the second
    # opinion on sexual content, and the cue that a picture is a drawing or a painting.
    pictures: PictureClassifier = field(default_factory=NsfwJs)
    # The operator's own scene classifier (vmscreen.analyses.scene_model), a SceneModel of the
    # policy's [scene_model] given by the Screener; none unless the policy names one.
    scene: SceneClassifier | None = None

    @classmethod
    def create(cls, *, ocr: str = "ppocr", faces: str = "yunet", threads: int = 0) -> Engines:
        """The built-in engines by name. ``threads`` reaches every model session: 0 lets
        onnxruntime use every core (a single call) or $VMSCREEN_THREADS where it is set, 1 suits
        a batch worker process (the workers use the cores)."""
        if threads < 0:
            raise ValueError("threads must be 0 (all cores) or more")
        nanodet = NanoDet(threads)
        return cls(ocr=make_engine(ocr, threads), faces=make_face_model(faces, threads),
                   people=nanodet, objects=nanodet, nsfw=OpenNsfw(threads),
                   classes=EfficientNetLite0(threads), pictures=NsfwJs(threads),
                   body_parts=NudeNet(threads), speech=SileroVad(threads),
                   digits=DigitReader(), threads=threads)
