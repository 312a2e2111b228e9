"""The detector protocol: one method, plus a declaration of what the detector is.

A detector is a leaf. It reads what the screen hands it (the medium, one frame of it, the
frame's shared analyses, the zones) and the pure rules, and returns findings of the codes it
declares. It never decides accept or reject (that is the policy's job), never imports another
detector, and runs no shared work itself: what two detectors need is an analysis, computed once.
The Screener stamps each finding with the detector's name and the frame it was found on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from vmscreen.analyses import FrameAnalyses
from vmscreen.analyses.track import TrackAnalyses
from vmscreen.findings import CodeInfo, Finding
from vmscreen.media import Frame, Media
from vmscreen.zones import Zone

Scope = Literal["frame", "file", "track"]


class DetectorUnavailable(Exception):
    """Raised by a detector's constructor when an optional dependency it needs is not
    installed: the detector is left out of the screen (installing the extra is the opt-in),
    and ``vmscreen detectors`` says why. Any other failure to load is reported on every file."""


@dataclass(frozen=True)
class DetectorInfo:
    """What a detector declares about itself. Recorded in every result."""

    name: str
    version: str
    codes: tuple[CodeInfo, ...]
    licence: str = "Apache-2.0"
    # "frame": run on every frame screened (pixels); "file": run once per file (metadata);
    # "track": run once per audio track (sound).
    scope: Scope = "frame"
    # Seconds a run may take (a run covers one frame, or the file) before it is abandoned
    # and reported as unscreened.
    time_budget_s: float = 60.0

    def __post_init__(self) -> None:
        if self.scope not in ("frame", "file", "track"):
            raise ValueError(f"detector {self.name}: scope is 'frame', 'file' or 'track'")


@dataclass(frozen=True)
class Subject:
    """What one detector run looks at: a medium, one frame of it (the first, for a file-scope
    detector; None for a medium with no picture, such as an audio file without cover art),
    that frame's shared analyses, and the screen's restricted zones. A track-scope detector
    gets the audio track's shared analyses in ``track``."""

    media: Media
    frame: Frame | None
    analyses: FrameAnalyses | None
    zones: tuple[Zone, ...] = field(default=())
    track: TrackAnalyses | None = None


@runtime_checkable
class Detector(Protocol):
    info: DetectorInfo

    def detect(self, subject: Subject) -> Iterable[Finding]:
        """Findings for this frame (or file). Raise only for failures the detector cannot
        describe: the screen reports them as unscreened."""
        ...
