"""Findings, their categories, and the catalogue entries that explain each code.

A Finding is the one result type every detector emits. It is frozen, hashable, validated on
construction, and survives ``Finding.from_dict(f.to_dict()) == f``. It never holds a sensitive
value: detectors put last-four digits or hashes in ``evidence``, never the value itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from vmscreen.hashing import keyed_hash

EvidenceValue = str | int | float | bool | None

_CODE = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Cover(str, Enum):
    """How a sanitised copy covers a finding's box (``vmscreen redact``)."""

    FILL = "fill"  # solid black: text, numbers and documents (a blur of large print stays legible)
    BLUR = "blur"  # blurred past recognition: faces and figures, so the photo still reads
    # Not covered: the box shows a reviewer the evidence, but covering it would not take the
    # concern away (a film frame's subtitle, a screen in a photo: the frame is still the work).
    NONE = "none"


class Category(str, Enum):
    """The policy clause a finding bears on. The values are fixed strings (README: Categories)."""

    PRIVATE_PLACE = "private-place"
    SENSITIVE_ID = "sensitive-id"
    SEXUAL_CONTENT = "sexual-content"
    COPYRIGHT = "copyright"
    OTHER_PEOPLE = "other-people"
    METADATA = "metadata"
    UNSCREENED = "unscreened"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Box:
    """A pixel rectangle in the upright (EXIF-oriented) full-resolution image."""

    x0: int
    y0: int
    x1: int
    y1: int

    def __post_init__(self) -> None:
        if not (0 <= self.x0 <= self.x1 and 0 <= self.y0 <= self.y1):
            raise ValueError(f"invalid box {self.to_list()}")

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    def to_list(self) -> list[int]:
        return [self.x0, self.y0, self.x1, self.y1]

    def shared_area(self, other: Box) -> int:
        """The pixels both boxes cover (0 where they only touch or lie apart)."""
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        return width * height if width > 0 and height > 0 else 0

    def overlaps(self, other: Box) -> bool:
        """Whether the boxes share some area (touching edges do not)."""
        return self.shared_area(other) > 0

    @classmethod
    def around(cls, boxes: Iterable[Box]) -> Box:
        """The smallest box holding all of ``boxes`` (at least one)."""
        boxes = list(boxes)
        return cls(min(b.x0 for b in boxes), min(b.y0 for b in boxes),
                   max(b.x1 for b in boxes), max(b.y1 for b in boxes))

    @classmethod
    def from_list(cls, values: list[int] | tuple[int, ...]) -> Box:
        if len(values) != 4:
            raise ValueError("a box is [x0, y0, x1, y1]")
        return cls(*(int(v) for v in values))


class Located:
    """Measures of a detection's float ``box`` (x0, y0, x1, y1 in the full-resolution upright
    frame), shared by faces and people."""

    box: tuple[float, float, float, float]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2

    def pixel_box(self, width: int, height: int) -> Box:
        """The box rounded outward and clipped to a ``width`` x ``height`` frame."""
        x0, y0, x1, y1 = self.box
        return Box(max(0, math.floor(x0)), max(0, math.floor(y0)),
                   min(width, max(0, math.ceil(x1))), min(height, max(0, math.ceil(y1))))


def _freeze_evidence(evidence: Mapping[str, EvidenceValue] | tuple) -> tuple:
    items = evidence.items() if isinstance(evidence, Mapping) else evidence
    frozen = []
    for key, value in items:
        if not isinstance(key, str):
            raise TypeError("evidence keys are strings")
        if value is not None and not isinstance(value, (str, int, float, bool)):
            raise TypeError(f"evidence {key!r} must be a JSON scalar, not {type(value).__name__}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"evidence {key!r} is not finite")
        frozen.append((key, value))
    return tuple(sorted(frozen))


@dataclass(frozen=True)
class Finding:
    """One thing a detector found in one medium (or one frame of it)."""

    code: str
    name: str
    category: Category
    detector: str
    score: float
    message: str
    box: Box | None = None
    evidence: tuple[tuple[str, EvidenceValue], ...] = field(default=())
    # Which frame of the medium it was found on (0 for a still photo), and that frame's time in
    # seconds where the medium has one (an animation, a video, an audio track); None for what
    # concerns the whole file. ``until``: where the same finding was seen on consecutive
    # sampled frames (or over a stretch of sound), the time it was last seen.
    frame: int | None = None
    time: float | None = None
    until: float | None = None

    def __post_init__(self) -> None:
        if not _CODE.match(self.code):
            raise ValueError(f"finding code {self.code!r} is not like 'ABC123'")
        if not _NAME.match(self.name):
            raise ValueError(f"finding name {self.name!r} is not kebab-case")
        object.__setattr__(self, "category", Category(self.category))
        score = float(self.score)
        if not (0.0 <= score <= 1.0):
            raise ValueError(f"finding score {score} is outside 0..1")
        object.__setattr__(self, "score", round(score, 4))
        object.__setattr__(self, "evidence", _freeze_evidence(self.evidence))
        if self.frame is not None and self.frame < 0:
            raise ValueError("frame index is negative")
        if self.time is not None:
            if not (math.isfinite(self.time) and self.time >= 0):
                raise ValueError("frame time must be a finite number of seconds, 0 or more")
            object.__setattr__(self, "time", round(float(self.time), 3))
        if self.until is not None:
            if self.time is None or not math.isfinite(self.until) or self.until < self.time:
                raise ValueError("a finding's 'until' needs a 'time' no later than it")
            object.__setattr__(self, "until", round(float(self.until), 3))

    @property
    def evidence_dict(self) -> dict[str, EvidenceValue]:
        return dict(self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category.value,
            "detector": self.detector,
            "score": self.score,
            "box": self.box.to_list() if self.box else None,
            "evidence": self.evidence_dict,
            "message": self.message,
            "frame": self.frame,
            "time": self.time,
            "until": self.until,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        box = data.get("box")
        return cls(
            code=data["code"],
            name=data["name"],
            category=Category(data["category"]),
            detector=data["detector"],
            score=data["score"],
            message=data.get("message", ""),
            box=Box.from_list(box) if box else None,
            evidence=data.get("evidence") or {},
            frame=data.get("frame"),
            time=data.get("time"),
            until=data.get("until"),
        )


@dataclass(frozen=True)
class CodeInfo:
    """A catalogue entry: what a code means and why it matters (``vmscreen explain CODE``), and
    how a sanitised copy covers a finding of it that has a box."""

    code: str
    name: str
    category: Category
    summary: str
    explanation: str
    cover: Cover = Cover.FILL
    # Covered in a copy even where the policy accepts it: a face too small to recognise costs
    # little to blur, and blurring it is safer than trusting the rule.
    cover_accepted: bool = False

    def __post_init__(self) -> None:
        if not _CODE.match(self.code) or not _NAME.match(self.name):
            raise ValueError(f"bad catalogue entry {self.code} {self.name}")
        object.__setattr__(self, "category", Category(self.category))
        object.__setattr__(self, "cover", Cover(self.cover))

    def finding(
        self,
        detector: str,
        score: float,
        message: str,
        *,
        box: Box | None = None,
        evidence: Mapping[str, EvidenceValue] | None = None,
    ) -> Finding:
        return Finding(
            code=self.code,
            name=self.name,
            category=self.category,
            detector=detector,
            score=score,
            message=message,
            box=box,
            evidence=evidence or {},
        )


def redacted_hash(value: str) -> str:
    """A stable fingerprint of a value we must not store (names, text): the keyed hash of
    ``vmscreen.hashing.keyed_hash`` ('hmac-sha256:' and 32 hex digits), kept under this name for
    the modules that call it. An unkeyed hash of a short value gives the value back by trial."""
    return keyed_hash(value)
