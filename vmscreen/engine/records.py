"""The record a sanitised copy carries beside it (``photo.jpg.vmscreen.json``): what the original
held, what the copy covers, what it could not cover and that its metadata was stripped.

Screening a copy with its record gives the original decision: the record's findings are added to
the copy's own (marked as recorded), so a copy of a stock-agency photo, whose rights metadata
was stripped, is not accepted for having lost it. A record applies only to the copy it was
written for: its sha256 must match.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from vmscreen._version import __version__
from vmscreen.engine.redaction import Region
from vmscreen.findings import Finding
from vmscreen.result import Result

SUFFIX = ".vmscreen.json"
RECORDED = "record"  # the detector name recorded findings are stamped with
_MAX_RECORD_BYTES = 16 * 1024 * 1024


def sidecar_of(copy: Path) -> Path:
    return copy.with_name(copy.name + SUFFIX)


def is_record(name: str) -> bool:
    """Whether a file of this name is a copy's record (a batch walks past records)."""
    return name.endswith(SUFFIX)


def record_bytes(result: Result, copy: Path, data: bytes, covered: Sequence[Region],
                 uncovered: Iterable[str], *, sound: str | None = None,
                 sound_codes: Iterable[str] = ()) -> bytes:
    """The record of one copy, as JSON: it holds what a result holds (no sensitive value).
    ``sound`` says whether a video's sound was kept or dropped (and for which codes)."""
    record: dict[str, Any] = {
        "vmscreen": __version__,
        "original": {"path": result.path,
                     "sha256": result.media.sha256 if result.media else None},
        "copy": {"path": str(copy), "sha256": hashlib.sha256(data).hexdigest()},
        "metadata": "stripped",
        "covered": [{"code": r.code, "frame": r.frame, "box": r.box.to_list(),
                     "how": "blurred" if r.blur else "filled"} for r in covered],
        "not_covered": sorted(set(uncovered)),
        "result": result.to_dict(),
    }
    if sound is not None:
        record["sound"] = {"kept": sound == "kept", "dropped_for": sorted(set(sound_codes))}
    return (json.dumps(record, ensure_ascii=True, indent=1) + "\n").encode("ascii")


def read_record(path: Path) -> Mapping[str, Any] | None:
    """A record file's contents, or None where there is none or it is not a record."""
    try:
        if not path.is_file() or path.stat().st_size > _MAX_RECORD_BYTES:
            return None
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return record if isinstance(record, Mapping) else None


def recorded_findings(record: Mapping[str, Any], sha256: str) -> list[Finding]:
    """The original's findings, if ``record`` was written for the file of this ``sha256``."""
    try:
        if record["copy"]["sha256"] != sha256:
            return []
        original = Result.from_dict(record["result"])
    except (KeyError, TypeError, ValueError):
        return []
    return [replace(finding, detector=RECORDED,
                    message=f"before redaction: {finding.message}"[:500])
            for finding in original.findings]
