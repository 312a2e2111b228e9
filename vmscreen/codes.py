"""The code catalogue: the core ``UNS`` codes plus every code a detector declares."""

from __future__ import annotations

from collections.abc import Iterable

from vmscreen.detectors import Detector, discover_detectors
from vmscreen.findings import Category, CodeInfo

_U = Category.UNSCREENED

UNREADABLE = CodeInfo(
    "UNS001", "unreadable-file", _U, "The file is empty, corrupt or truncated.",
    "The file could not be decoded: it is empty, its header or image data is damaged, or it "
    "ends early. Nothing in it was screened, so it cannot be accepted; re-export or re-upload "
    "the original. A truncated upload is the usual cause.",
)
UNSUPPORTED = CodeInfo(
    "UNS002", "unsupported-format", _U, "The content is not an image format vmscreen reads.",
    "vmscreen recognises files by their content, not their name. This file is none of JPEG, "
    "PNG, WebP, GIF, TIFF, BMP or HEIC/HEIF (a text file named .jpg lands here). Unsupported "
    "content is never passed unseen: convert it to a supported format and screen it again.",
)
OVER_LIMITS = CodeInfo(
    "UNS003", "over-limits", _U, "The file exceeds the byte, pixel or frame limits.",
    "Limits on bytes, pixels and animation frames are checked before any pixel is decoded, so "
    "a decompression bomb (a small file that expands to gigabytes) cannot exhaust memory. A "
    "file over a limit is not screened; raise the limit only for trusted sources.",
)
DETECTOR_FAILED = CodeInfo(
    "UNS004", "detector-failed", _U, "A detector raised an error on this file.",
    "One detector failed on this file and reported no result. The other detectors still ran, "
    "but the clause this detector covers was not checked, so the file cannot be accepted. The "
    "message names the detector and the error type; the file itself is kept.",
)
DETECTOR_TIMEOUT = CodeInfo(
    "UNS005", "detector-timeout", _U, "A detector ran past its time budget.",
    "Each detector has a time budget. One that runs past it is abandoned and reported here, "
    "so a pathological file cannot stall a batch. The clause it covers was not checked.",
)
WORKER_CRASHED = CodeInfo(
    "UNS006", "worker-crashed", _U, "The process screening this file died.",
    "In batch mode each file is screened in a worker process. This file's worker died (a crash "
    "in a native decoder, or the operating system killing it for memory). The batch went on "
    "without it; the file is not screened and should be inspected.",
)

CORE_CODES: tuple[CodeInfo, ...] = (
    UNREADABLE, UNSUPPORTED, OVER_LIMITS, DETECTOR_FAILED, DETECTOR_TIMEOUT, WORKER_CRASHED,
)


def catalogue(detectors: Iterable[Detector] | None = None) -> dict[str, CodeInfo]:
    """Every known code, sorted, from the core and the given (default: installed) detectors."""
    entries = {info.code: info for info in CORE_CODES}
    for detector in discover_detectors() if detectors is None else detectors:
        for info in detector.info.codes:
            entries.setdefault(info.code, info)
    return dict(sorted(entries.items()))


def core_code(code: str) -> CodeInfo:
    return {info.code: info for info in CORE_CODES}[code]
