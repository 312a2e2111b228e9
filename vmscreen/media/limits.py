"""What a file may cost before it is refused, and what screening may look at before it stops."""

from __future__ import annotations

from dataclasses import dataclass


class MediaError(Exception):
    """A file, or a frame of it, that cannot be screened. ``code`` is the UNS code it becomes."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Limits:
    """Bounds that stop decompression bombs and runaway files.

    The first four refuse a file before any pixel is decoded (``UNS003``). The screening limits
    bound the frames and pixels looked at in total: frames beyond them are reported as not
    screened (``UNS007``), never passed. ``max_seconds`` is the whole file's time budget
    (``UNS008``); a video or audio file gets four seconds per second of media where that is
    more, up to four times ``max_seconds``.

    Video and audio: ``max_bytes`` and ``max_pixels`` (per frame) apply as to images; a clip
    whose container declares more than ``max_duration_s`` is refused unread (``UNS003``), and
    decoding stops, reporting the rest as not screened (``UNS007``), past ``max_duration_s`` or
    ``max_decoded_frames`` whatever the container declared. How many frames are screened is
    the sampling's business (vmscreen.media.sampling).
    """

    max_bytes: int = 200 * 1024 * 1024
    max_pixels: int = 120_000_000
    max_frames: int = 1000
    # All frames of an animation together, so a 1000-frame 4K GIF cannot exhaust memory.
    max_total_frame_pixels: int = 1_000_000_000
    max_screened_frames: int = 32
    max_screened_pixels: int = 400_000_000
    max_seconds: float = 300.0
    max_duration_s: float = 3 * 3600.0
    max_decoded_frames: int = 3 * 3600 * 60

    def __post_init__(self) -> None:
        if min(self.max_bytes, self.max_pixels, self.max_frames, self.max_total_frame_pixels,
               self.max_screened_frames, self.max_screened_pixels,
               self.max_decoded_frames) < 1 or min(self.max_seconds, self.max_duration_s) <= 0:
            raise ValueError("every limit must be positive")
