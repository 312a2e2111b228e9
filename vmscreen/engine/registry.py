"""Detector discovery through the ``vmscreen.detectors`` entry-point group, and the catalogue of
every code.

Built-in and third-party detectors are found the same way: vmscreen's own are entry points of
its own distribution (pyproject.toml). A detector that fails to load is not fatal: it becomes a
``BrokenDetector`` whose every run yields an unscreened finding naming it, so its absence never
passes silently; a built-in missing from the entry points (a source tree never installed) is
reported the same way. A detector whose optional dependency is absent raises
``DetectorUnavailable`` and is left out: installing its extra is the opt-in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import entry_points

from vmscreen.codes import CORE_CODES
from vmscreen.detectors.base import Detector, DetectorInfo, DetectorUnavailable, Subject
from vmscreen.findings import CodeInfo, Finding

ENTRY_POINT_GROUP = "vmscreen.detectors"
# vmscreen's own detectors, by entry-point name: each must be found, or every file says so.
BUILT_IN = ("barcodes", "faces", "metadata", "nudity-parts", "offensive-text", "people",
            "sensitive-id", "sexual-content")


class DetectorLoadError(RuntimeError):
    pass


class BrokenDetector:
    """Stands in for a registered detector that could not be loaded."""

    def __init__(self, name: str, reason: str) -> None:
        self.info = DetectorInfo(name=name, version="unloaded", codes=(), scope="file")
        self.reason = reason

    def detect(self, subject: Subject) -> Iterable[Finding]:
        raise DetectorLoadError(f"detector could not be loaded: {self.reason}")


@dataclass(frozen=True)
class Discovery:
    """What discovery found: the detectors to run, and those left out with the reason."""

    detectors: tuple[Detector, ...]
    unavailable: tuple[tuple[str, str], ...]  # (name, why), for optional detectors


def discover() -> Discovery:
    """Every installed ``vmscreen.detectors`` entry point, loaded, ordered by name."""
    found: dict[str, Detector] = {}
    unavailable: list[tuple[str, str]] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in found:
            continue
        try:
            detector = ep.load()()
            if not isinstance(detector, Detector):
                raise TypeError("object has no 'info' and 'detect'")
            found[ep.name] = detector
        except DetectorUnavailable as why:
            unavailable.append((ep.name, str(why)))
        except Exception as exc:  # noqa: BLE001 - a bad plugin is reported, never fatal
            found[ep.name] = BrokenDetector(ep.name, f"{type(exc).__name__}: {exc}")
    left_out = {name for name, _ in unavailable}
    for name in BUILT_IN:
        if name not in found and name not in left_out:
            found[name] = BrokenDetector(name, "not registered: vmscreen is not installed "
                                         "(pip install -e .)")
    detectors = sorted(found.values(), key=lambda d: d.info.name)
    return Discovery(tuple(detectors), tuple(sorted(unavailable)))


def discover_detectors() -> list[Detector]:
    """The detectors a default Screener runs."""
    return list(discover().detectors)


def catalogue(detectors: Iterable[Detector] | None = None) -> dict[str, CodeInfo]:
    """Every known code, sorted, from the core and the given (default: installed) detectors."""
    entries = {info.code: info for info in CORE_CODES}
    for detector in discover_detectors() if detectors is None else detectors:
        for info in detector.info.codes:
            entries.setdefault(info.code, info)
    return dict(sorted(entries.items()))
