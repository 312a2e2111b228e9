"""Run every detector on one medium, isolate their failures, and apply the policy.

A Screener is built once and reused: it holds the policy, the detectors (which load their
models lazily and keep them) and frozen settings. It has no mutable state of its own, so one
instance can serve many threads at once.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from vmscreen.catalogue import DETECTOR_FAILED, DETECTOR_TIMEOUT, core_code
from vmscreen.detectors import Detector, discover_detectors
from vmscreen.detectors.base import DetectorInfo, ModelRef, ScreenContext
from vmscreen.faces import make_face_model
from vmscreen.findings import Finding
from vmscreen.media import (
    Limits,
    Media,
    MediaError,
    media_from_array,
    media_from_pil,
    open_media,
)
from vmscreen.models import YUNET
from vmscreen.ocr import make_engine
from vmscreen.people import NanoDet
from vmscreen.policy import Policy, default_policy
from vmscreen.redaction import (
    Redaction,
    output_path,
    regions,
    sanitised_bytes,
    uncovered,
    write_atomically,
)
from vmscreen.result import DetectorRun, Result
from vmscreen.zones import Zone

log = logging.getLogger("vmscreen")

Source = str | Path | bytes | Image.Image | np.ndarray

_DIGIT_RUN = re.compile(r"\d[\d \-]{4,}\d")


def scrub(message: str, limit: int = 300) -> str:
    """Keep a detector's error message, minus anything shaped like a number we must not leak."""
    return _DIGIT_RUN.sub("[digits]", message)[:limit]


class DetectorTimeout(Exception):
    pass


def _run_with_budget(detector: Detector, media: Media, context: ScreenContext) -> list[Finding]:
    """Run in a daemon thread so a detector that hangs is abandoned, not waited for."""
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def target() -> None:
        try:
            outcome["findings"] = list(detector.detect(media, context))
        except BaseException as exc:  # noqa: BLE001 - handed back to the calling thread
            outcome["error"] = exc
        finally:
            done.set()

    worker = threading.Thread(target=target, name=f"vmscreen-{detector.info.name}", daemon=True)
    worker.start()
    if not done.wait(detector.info.time_budget_s):
        raise DetectorTimeout
    if "error" in outcome:
        raise outcome["error"]
    findings = outcome["findings"]
    for finding in findings:
        if not isinstance(finding, Finding):
            raise TypeError(f"returned {type(finding).__name__}, not Finding")
    return findings


class Screener:
    """Screens media with one policy and one set of detectors. Thread-safe; reuse it."""

    def __init__(
        self,
        policy: Policy | None = None,
        detectors: Sequence[Detector] | None = None,
        *,
        zones: Iterable[Zone] = (),
        limits: Limits | None = None,
        ocr: str = "ppocr",
        faces: str = "yunet",
        threads: int = 0,
    ) -> None:
        self.policy = policy or default_policy()
        chosen = discover_detectors() if detectors is None else list(detectors)
        self.detectors: tuple[Detector, ...] = tuple(
            sorted(chosen, key=lambda d: (d.info.cost, d.info.name))
        )
        # threads: inference threads per model (0: all cores, for a single call; batch workers
        # use 1, since the worker processes already use the cores).
        self.context = ScreenContext(zones=(*self.policy.zones, *zones),
                                     ocr=make_engine(ocr, threads),
                                     faces=make_face_model(faces, threads),
                                     people=NanoDet(threads))
        self.limits = limits or Limits()

    def _models(self, info: DetectorInfo) -> tuple[ModelRef, ...]:
        """The models a detector runs with: those searching faces declare YuNet, and run with
        the face model chosen here (YuNet, or YuNet and CenterFace)."""
        refs: list[ModelRef] = []
        for ref in info.models:
            refs += self.context.faces.models if ref == YUNET.ref else (ref,)
        return tuple(dict.fromkeys(refs))

    def _open(self, source: Source) -> Media:
        if isinstance(source, Image.Image):
            return media_from_pil(source, self.limits)
        if isinstance(source, np.ndarray):
            return media_from_array(source, self.limits)
        if isinstance(source, (str, Path, bytes, bytearray, memoryview)):
            return open_media(source, self.limits)
        raise TypeError(
            f"cannot screen a {type(source).__name__}: pass a path, bytes, a PIL image or an array"
        )

    def _run(self, detector: Detector, media: Media) -> tuple[list[Finding], DetectorRun]:
        info = detector.info
        start = time.perf_counter()
        status = "ok"
        try:
            findings = _run_with_budget(detector, media, self.context)
        except DetectorTimeout:
            status = "timeout"
            message = f"detector {info.name} ran past its {info.time_budget_s:g}s budget"
            findings = [DETECTOR_TIMEOUT.finding(info.name, 1.0, message,
                                                 evidence={"detector": info.name})]
        except MediaError as exc:
            status = "failed"
            findings = [core_code(exc.code).finding(info.name, 1.0, exc.message,
                                                    evidence={"detector": info.name})]
        except Exception as exc:  # noqa: BLE001 - one failing detector must not stop the rest
            status = "failed"
            message = scrub(f"detector {info.name} failed: {type(exc).__name__}: {exc}")
            log.warning("%s", message)
            findings = [DETECTOR_FAILED.finding(info.name, 1.0, message,
                                                evidence={"detector": info.name})]
        elapsed = round((time.perf_counter() - start) * 1000, 2)
        run = DetectorRun(info.name, info.version, info.licence, self._models(info), status,
                          elapsed)
        return findings, run

    def screen(self, source: Source, *, name: str | None = None) -> Result:
        """Screen one path, bytes, PIL image or RGB array. Never raises for bad media."""
        return self._screen(source, name)[1]

    def redact(self, source: Source, destination: str | Path, *, fill: bool = False,
               name: str | None = None) -> Redaction:
        """Screen a medium and write a sanitised copy to ``destination`` (its suffix follows
        the format written): faces and people blurred, the boxes of the other findings the
        policy does not accept filled, no metadata. A medium whose screen did not run
        completely is not copied. The source is only read."""
        media, result = self._screen(source, name)
        if media is None or result.errors:
            why = ", ".join(sorted({f.code for f in result.errors}))
            return Redaction(result.path, None, 0, (), result, skipped=f"not screened ({why})")
        chosen = regions(result.findings, self.policy, fill=fill)
        data, suffix = sanitised_bytes(media, chosen)
        path = output_path(Path(destination), suffix)
        if isinstance(source, (str, Path)) and path.resolve() == Path(source).resolve():
            raise ValueError(f"refusing to overwrite the original {source}")
        write_atomically(path, data)
        return Redaction(result.path, str(path), len(chosen),
                         tuple(sorted({r.code for r in chosen})), result,
                         uncovered=uncovered(result.findings, self.policy))

    def _screen(self, source: Source, name: str | None) -> tuple[Media | None, Result]:
        start = time.perf_counter()
        label = name or (str(source) if isinstance(source, (str, Path)) else None)
        findings: list[Finding] = []
        runs: list[DetectorRun] = []
        media: Media | None = None
        try:
            media = self._open(source)
        except MediaError as exc:
            findings.append(core_code(exc.code).finding("media", 1.0, exc.message))
            runs = [
                DetectorRun(d.info.name, d.info.version, d.info.licence, self._models(d.info),
                            "not-run", 0.0)
                for d in self.detectors
            ]
        if media is not None:
            for detector in self.detectors:
                found, run = self._run(detector, media)
                findings.extend(found)
                runs.append(run)
        return media, Result.decided(
            label or (media.source if media else "<input>"),
            self.policy,
            findings,
            media=media.info if media else None,
            detectors=runs,
            elapsed_ms=round((time.perf_counter() - start) * 1000, 2),
        )


def screen(
    source: Source,
    *,
    policy: Policy | None = None,
    zones: Iterable[Zone] = (),
    name: str | None = None,
) -> Result:
    """Screen one medium with the default (or given) policy. For many files, reuse a Screener."""
    return Screener(policy=policy, zones=zones).screen(source, name=name)
