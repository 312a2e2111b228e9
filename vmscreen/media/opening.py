"""Opening a path or bytes as the medium its content is: an image, or a video or audio file."""

from __future__ import annotations

from pathlib import Path

from vmscreen.media.limits import Limits
from vmscreen.media.medium import Media, Readable, read_source
from vmscreen.media.sampling import Sampling
from vmscreen.media.timed import TimedMedia, is_timed

AnyMedia = Media | TimedMedia


def open_media(source: str | Path | bytes | Readable, limits: Limits | None = None,
               sampling: Sampling | None = None) -> AnyMedia:
    """Open a path, bytes or a binary file object as a Media (an image) or a TimedMedia (a
    video or audio file), or raise MediaError with the UNS code it deserves."""
    limits = limits or Limits()
    data, name = read_source(source, limits)
    if is_timed(data):
        return TimedMedia(data, name, limits, sampling)
    return Media(data, name, limits)
