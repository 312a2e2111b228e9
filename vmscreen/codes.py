"""The core codes: what becomes of a file, or a part of it, that was not screened (``UNS``).

Detectors declare their own codes (``DetectorInfo.codes``); the catalogue of every code is
``vmscreen.engine.registry.catalogue``. Any detector may also emit these core codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from vmscreen.findings import Category, CodeInfo

_U = Category.UNSCREENED

UNREADABLE = CodeInfo(
    "UNS001", "unreadable-file", _U, "The file, or a frame of it, is empty, corrupt or truncated.",
    "The file could not be decoded: it is empty, its header or image data is damaged, or it "
    "ends early. When only a later frame or page is damaged, the finding names it and the "
    "frames before it were screened. What was not decoded was not screened, so the file "
    "cannot be accepted; re-export or re-upload the original. A truncated upload is the usual "
    "cause.",
)
UNSUPPORTED = CodeInfo(
    "UNS002", "unsupported-format", _U,
    "The content is not an image, video or audio format vmscreen reads.",
    "vmscreen recognises files by their content, not their name. This file is none of JPEG, "
    "PNG, WebP, GIF, TIFF, BMP or HEIC/HEIF, of the MP4, QuickTime, 3GP, Matroska/WebM, AVI "
    "or MPEG video containers, or of WAV, FLAC, MP3, AAC, Ogg, AIFF or AMR audio (a text file "
    "named .jpg lands here). Unsupported content is never passed unseen: convert it to a "
    "supported format and screen it again.",
)
OVER_LIMITS = CodeInfo(
    "UNS003", "over-limits", _U, "The file exceeds the byte, pixel, frame or duration limits.",
    "Limits on bytes, pixels, animation frames and a clip's declared duration are checked "
    "before any pixel is decoded, so a decompression bomb (a small file that expands to "
    "gigabytes) cannot exhaust memory. A file over a limit is not screened; raise the limit "
    "only for trusted sources. A file within the limits that the process had no memory to "
    "decode or screen is reported here too (its message says so): lower the limits or give "
    "the process more memory.",
)
DETECTOR_FAILED = CodeInfo(
    "UNS004", "detector-failed", _U, "A detector raised an error on this file.",
    "One detector failed on this file and reported no result (or reported something it had "
    "not declared). The other detectors still ran, but the clause this detector covers was not "
    "checked, so the file cannot be accepted. The message names the detector and the error "
    "type; the file itself is kept.",
)
DETECTOR_TIMEOUT = CodeInfo(
    "UNS005", "detector-timeout", _U, "A detector ran past its time budget.",
    "Each detector has a time budget for each frame. One that runs past it is abandoned and "
    "reported here, so a pathological file cannot stall a batch; the work it left unfinished "
    "stops at its next checkpoint and blocks no other detector. The clause it covers was not "
    "checked on that frame.",
)
WORKER_CRASHED = CodeInfo(
    "UNS006", "worker-crashed", _U, "The process screening this file died.",
    "In batch mode each file is screened in a worker process. This file's worker died (a crash "
    "in a native decoder, or the operating system killing it for memory). The batch went on "
    "without it; the file is not screened and should be inspected.",
)
FRAMES_NOT_SCREENED = CodeInfo(
    "UNS007", "frames-not-screened", _U,
    "Some frames, pages or seconds were beyond the screening limits.",
    "Every frame of an animation, page of a multi-page TIFF and image of a multi-picture JPEG "
    "is screened by every detector, up to limits on the number of frames and on the pixels "
    "looked at in total (vmscreen.Limits: max_screened_frames, max_screened_pixels); a video "
    "or audio track is decoded up to max_duration_s and max_decoded_frames, whatever its "
    "container declared. What lies beyond was not looked at, so the file is not a pass: "
    "screen it with higher limits or split it. The message says what was left.",
)
FILE_TIMEOUT = CodeInfo(
    "UNS008", "file-timeout", _U, "The file ran past its whole-file time budget.",
    "A file has a time budget as a whole (vmscreen.Limits.max_seconds). Past it, no further "
    "detector is started on it; in a batch, a worker still busy with it shortly after is "
    "stopped, and the batch goes on with a fresh worker. What was not run was not screened.",
)

TRAILING_DATA = CodeInfo(
    "UNS009", "trailing-data", _U, "Bytes after the end of the image were not screened.",
    "The file goes on after its image ends: another image, an archive, a document, a video or "
    "data of unknown kind was appended (a polyglot file, a motion photo's video, a passport "
    "hidden behind a holiday photo). The image was screened; what follows it was not, so the "
    "file is not a pass. Padding of zero or 0xFF bytes does not count. The message says how "
    "many bytes follow and what they look like.",
)

BANK_UNAVAILABLE = CodeInfo(
    "UNS010", "reference-bank-unavailable", _U,
    "The file was not checked against a reference bank.",
    "A reference bank the policy names ([[bank]]) is not in the banks directory the screen was "
    "given (vmscreen scan --banks DIR, or VMSCREEN_BANKS), or no directory was given, or a bank "
    "file there is damaged or of another format version; or, for sound, the Chromaprint "
    "library that fingerprints it is not installed (on Debian or Ubuntu: apt-get install "
    "libchromaprint1). What was not checked against the bank is not a pass: add the bank "
    "(vmscreen bank add), fix the directory, install Chromaprint, or take the bank out of the "
    "policy. Evidence: the bank's name where one is at fault, and the audio track's index for "
    "sound.",
)

CORE_CODES: tuple[CodeInfo, ...] = (
    UNREADABLE, UNSUPPORTED, OVER_LIMITS, DETECTOR_FAILED, DETECTOR_TIMEOUT, WORKER_CRASHED,
    FRAMES_NOT_SCREENED, FILE_TIMEOUT, TRAILING_DATA, BANK_UNAVAILABLE,
)
CORE_BY_CODE: Mapping[str, CodeInfo] = MappingProxyType({info.code: info for info in CORE_CODES})
