"""Detector discovery through the ``vmscreen.detectors`` entry-point group.

Built-in detectors are found by direct import too, so a source checkout works uninstalled.
A third-party detector that fails to load is not fatal: it is returned as a ``BrokenDetector``
whose every run yields an unscreened finding naming it, so its absence never passes silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import entry_points
from importlib.util import find_spec

from vmscreen.detectors.base import Detector, DetectorInfo, ModelRef, ScreenContext
from vmscreen.findings import Finding
from vmscreen.media import Media

ENTRY_POINT_GROUP = "vmscreen.detectors"

__all__ = [
    "ENTRY_POINT_GROUP",
    "BrokenDetector",
    "Detector",
    "DetectorInfo",
    "ModelRef",
    "ScreenContext",
    "builtin_detectors",
    "discover_detectors",
]


class DetectorLoadError(RuntimeError):
    pass


class BrokenDetector:
    """Stands in for a registered detector that could not be loaded."""

    def __init__(self, name: str, reason: str) -> None:
        self.info = DetectorInfo(name=name, version="unloaded", codes=(), cost=0)
        self.reason = reason

    def detect(self, media: Media, context: ScreenContext) -> Iterable[Finding]:
        raise DetectorLoadError(f"detector could not be loaded: {self.reason}")


def builtin_detectors() -> list[Detector]:
    from vmscreen.detectors.barcodes import BarcodeDetector
    from vmscreen.detectors.faces import FaceDetector
    from vmscreen.detectors.metadata import MetadataDetector
    from vmscreen.detectors.offensive_text import OffensiveTextDetector
    from vmscreen.detectors.people import PeopleDetector
    from vmscreen.detectors.sensitive_id import SensitiveIdDetector
    from vmscreen.detectors.sexual_content import SexualContentDetector

    detectors: list[Detector] = [
        MetadataDetector(), BarcodeDetector(), SensitiveIdDetector(), FaceDetector(),
        PeopleDetector(), SexualContentDetector(), OffensiveTextDetector()]
    if find_spec("nudenet") is not None:  # the AGPL extra: installing it is the opt-in
        from vmscreen.detectors.nudity_parts import NudityPartsDetector

        detectors.append(NudityPartsDetector())
    return detectors


def discover_detectors() -> list[Detector]:
    """Built-in detectors plus every installed ``vmscreen.detectors`` entry point, by name."""
    found: dict[str, Detector] = {d.info.name: d for d in builtin_detectors()}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in found:
            continue
        try:
            factory = ep.load()
            detector = factory()
            if not isinstance(detector, Detector):
                raise TypeError("object has no 'info' and 'detect'")
            found[detector.info.name] = detector
        except Exception as exc:  # noqa: BLE001 - a bad plugin is reported, never fatal
            found[ep.name] = BrokenDetector(ep.name, f"{type(exc).__name__}: {exc}")
    return sorted(found.values(), key=lambda d: (d.info.cost, d.info.name))
