"""One detector run: in a thread of its own, within a time budget, its failures caught, its
findings checked against what it declared and stamped with its name and frame.

A run past its budget is abandoned, not waited for: it is told to stop, and the analysis it was
computing stops at its next checkpoint, releasing that analysis's lock, so no other detector
waits on work nobody will use.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, replace

from vmscreen.analyses import Cancelled, analysis_usage, stoppable
from vmscreen.codes import CORE_BY_CODE, DETECTOR_FAILED, DETECTOR_TIMEOUT, FILE_TIMEOUT
from vmscreen.detectors.base import Detector, Subject
from vmscreen.findings import Finding
from vmscreen.media import MediaError
from vmscreen.models import ModelRef, models_used

log = logging.getLogger("vmscreen")

_DIGIT_RUN = re.compile(r"\d[\d \-]{4,}\d")


def scrub(message: str, limit: int = 300) -> str:
    """Keep a detector's error message, minus anything shaped like a number we must not leak."""
    return _DIGIT_RUN.sub("[digits]", message)[:limit]


@dataclass(frozen=True)
class RunOutcome:
    """How one run ended: ``status`` is "ok", "failed" or "timeout"; ``ms`` is the run's own
    time, without the shared analyses it computed (those are timed on their own)."""

    findings: tuple[Finding, ...]
    status: str
    models: frozenset[ModelRef]
    analyses: frozenset[str]
    ms: float


class UndeclaredCode(Exception):
    pass


def _checked(found: list[object], detector: Detector) -> list[Finding]:
    declared = {info.code for info in detector.info.codes}
    for finding in found:
        if not isinstance(finding, Finding):
            raise TypeError(f"returned {type(finding).__name__}, not Finding")
        if finding.code not in declared and finding.code not in CORE_BY_CODE:
            raise UndeclaredCode(f"emitted {finding.code}, a code it does not declare")
    return found  # type: ignore[return-value]


def run_detector(detector: Detector, subject: Subject, *, seconds_left: float,
                 frame_scope: bool) -> RunOutcome:
    """Run one detector on one subject within its budget and what is left of the file's."""
    info = detector.info
    stop = threading.Event()
    done = threading.Event()
    ran: set[ModelRef] = set()
    read: set[str] = set()
    shared_s = [0.0]
    outcome: dict[str, object] = {}

    def target() -> None:
        with stoppable(stop), models_used() as used, analysis_usage() as usage:
            try:
                outcome["findings"] = _checked(list(detector.detect(subject)), detector)
            except Cancelled:
                outcome["cancelled"] = True
            except BaseException as exc:  # noqa: BLE001 - handed back to the screening thread
                outcome["error"] = exc
            finally:
                ran.update(used)
                read.update(usage.names)
                shared_s[0] = usage.seconds
                done.set()

    start = time.perf_counter()
    worker = threading.Thread(target=target, name=f"vmscreen-{info.name}", daemon=True)
    worker.start()
    budget = min(info.time_budget_s, max(0.0, seconds_left))
    finished = done.wait(budget)
    ms = round((time.perf_counter() - start - shared_s[0]) * 1000, 2)
    evidence = {"detector": info.name}
    error = outcome.get("error")
    status = "failed"
    if not finished:
        stop.set()  # the abandoned work stops at its next checkpoint
        status = "timeout"
        if budget < info.time_budget_s:
            found = [FILE_TIMEOUT.finding(info.name, 1.0, f"detector {info.name} was stopped "
                                          "when the file's time budget ran out",
                                          evidence=evidence)]
        else:
            found = [DETECTOR_TIMEOUT.finding(info.name, 1.0, f"detector {info.name} ran past "
                                              f"its {info.time_budget_s:g}s budget",
                                              evidence=evidence)]
    elif isinstance(error, MediaError):
        found = [CORE_BY_CODE[error.code].finding(info.name, 1.0, scrub(error.message),
                                                  evidence=evidence)]
    elif error is not None or "cancelled" in outcome:
        message = scrub(f"detector {info.name} failed: {type(error).__name__}: {error}")
        log.warning("%s", message)
        found = [DETECTOR_FAILED.finding(info.name, 1.0, message, evidence=evidence)]
    else:
        found, status = outcome["findings"], "ok"  # type: ignore[assignment]
    frame = subject.frame
    if frame_scope and frame is not None:
        stamped = tuple(replace(finding, detector=info.name, frame=frame.index, time=frame.time)
                        for finding in found)
    else:  # a file's or a track's: times are the detector's own (a stretch of speech)
        stamped = tuple(replace(finding, detector=info.name, frame=None) for finding in found)
    return RunOutcome(stamped, status, frozenset(ran), frozenset(read), ms)
