"""The detector protocol: one method, plus a declaration of what the detector is.

A detector reads a Media and returns findings. It never decides accept or reject (that is the
policy's job), never raises for bad input it can describe as a finding, and loads any model
lazily on first use, under a lock, keeping it for later calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from vmscreen.findings import CodeInfo, Finding
from vmscreen.media import Media
from vmscreen.zones import Zone

if TYPE_CHECKING:
    from vmscreen.faces import FaceModel
    from vmscreen.ocr.base import OcrEngine
    from vmscreen.people import PersonModel


def _default_ocr() -> OcrEngine:
    from vmscreen.ocr import make_engine

    return make_engine()


def _default_faces() -> FaceModel:
    from vmscreen.faces import YuNet

    return YuNet()


def _default_people() -> PersonModel:
    from vmscreen.people import NanoDet

    return NanoDet()


@dataclass(frozen=True)
class ModelRef:
    """A model file a detector runs, identified by its content hash."""

    name: str
    sha256: str
    licence: str


@dataclass(frozen=True)
class DetectorInfo:
    """What a detector declares about itself. Recorded in every result."""

    name: str
    version: str
    codes: tuple[CodeInfo, ...]
    licence: str = "Apache-2.0"
    models: tuple[ModelRef, ...] = ()
    # Relative cost: cheaper detectors run first. Metadata is ~0, OCR ~100.
    cost: int = 50
    # Seconds before a run is abandoned and reported as unscreened.
    time_budget_s: float = 60.0


@dataclass(frozen=True)
class ScreenContext:
    """Frozen settings a screen passes to every detector."""

    zones: tuple[Zone, ...] = field(default=())
    # One engine per Screener: its models load on first use and serve every detector that
    # reads text, through the medium's shared OCR pass.
    ocr: OcrEngine = field(default_factory=_default_ocr)
    # Likewise one face model, for the medium's shared face search.
    faces: FaceModel = field(default_factory=_default_faces)
    # And one person model.
    people: PersonModel = field(default_factory=_default_people)


@runtime_checkable
class Detector(Protocol):
    info: DetectorInfo

    def detect(self, media: Media, context: ScreenContext) -> Iterable[Finding]:
        """Findings for this medium. Raise only for failures the detector cannot describe."""
        ...
