"""Thumbnails for people to look at, made only from a redacted copy of the picture.

The picture is decoded as a screen decodes it (upright, the first frame), and every finding
with a box is covered on it the way a sanitised copy covers it (faces and people blurred,
the rest filled), whatever the policy decided: a page of thumbnails shows none of what was
found. There is no thumbnail where a copy could still show something: a file not screened
completely, a finding about people, identity data or nudity that has no box (nudity is judged
on the whole picture), a file that changed since it was screened, or a medium that is not a
still picture.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from vmscreen.engine.redaction import Region, cover
from vmscreen.findings import Category, CodeInfo, Cover, Finding
from vmscreen.media import Limits, Media, MediaError, open_media, read_source
from vmscreen.result import Result

SIDE = 192
QUALITY = 80
# A finding of these without a box means the copy cannot hide what it is about.
UNSAFE_WITHOUT_BOX = (Category.SENSITIVE_ID, Category.SEXUAL_CONTENT, Category.OTHER_PEOPLE)


@dataclass(frozen=True)
class Thumbnail:
    """A JPEG of at most SIDE pixels, or None with the reason there is none."""

    jpeg: bytes | None
    note: str = ""


def _boxed(finding: Finding, codes: Mapping[str, CodeInfo]) -> Region | None:
    info = codes.get(finding.code)
    if finding.box is None or finding.frame not in (None, 0):
        return None
    if info is not None and info.cover is Cover.NONE:
        return None
    return Region(finding.box, finding.code, info is not None and info.cover is Cover.BLUR, 0)


def _withheld(result: Result) -> str | None:
    if result.errors:
        return "not screened completely"
    if result.media is None or not result.media.mime.startswith("image/"):
        return "not a still picture"
    hidden = sorted({f.code for f in result.findings
                     if f.box is None and f.category in UNSAFE_WITHOUT_BOX})
    if hidden:
        return f"withheld: {', '.join(hidden)} cannot be covered"
    return None


def redacted_thumbnail(result: Result, codes: Mapping[str, CodeInfo],
                       base: Path | None = None) -> Thumbnail:
    """The thumbnail of a screened file, read from ``result.path`` (relative to ``base``)."""
    why = _withheld(result)
    if why is not None:
        return Thumbnail(None, why)
    assert result.media is not None
    path = Path(result.path) if base is None else base / result.path
    try:
        data, _ = read_source(path, Limits())
    except MediaError:
        return Thumbnail(None, "the file cannot be read here")
    if hashlib.sha256(data).hexdigest() != result.media.sha256:
        return Thumbnail(None, "the file changed since it was screened")
    try:
        media = open_media(data, Limits())
        if not isinstance(media, Media):
            return Thumbnail(None, "not a still picture")
        frame = next(iter(media.frames()))
        picture = frame.image()
    except (MediaError, StopIteration, OSError):
        return Thumbnail(None, "the file cannot be decoded here")
    chosen = [r for r in (_boxed(f, codes) for f in result.findings) if r is not None]
    copy = cover(picture.convert("RGB"), chosen)
    copy.thumbnail((SIDE, SIDE))
    buffer = io.BytesIO()
    copy.save(buffer, "JPEG", quality=QUALITY)
    note = f"first of {media.frame_count} frames" if media.frame_count > 1 else ""
    return Thumbnail(buffer.getvalue(), note)
