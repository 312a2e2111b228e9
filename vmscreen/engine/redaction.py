"""Sanitised copies: the regions a screen found covered, the metadata dropped, the original
never touched.

What is covered, and how, comes from the code catalogue (``CodeInfo.cover`` and
``cover_accepted``): the box of every finding the policy does not accept (card numbers, MRZs,
document layouts, people seen from behind), and of the codes covered even when accepted (every
face: an unidentifiable one costs little to blur and is safer so), on the frame it was found on.
Faces and people are blurred beyond recognition (pixelated to a few blocks, then smoothed);
text and documents are filled with solid black, since a blur of large print can still be read.
A code the catalogue does not know is filled. ``fill=True`` fills everything.

The copy is written from decoded pixels only, upright, so EXIF, XMP, IPTC, comments and colour
profiles are all left behind. A file whose screen did not run completely (any ``unscreened``
finding) is not copied: a copy with something left unchecked would look sanitised and not be.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from vmscreen.findings import Box, Category, CodeInfo, Cover, Finding
from vmscreen.media import Media
from vmscreen.policy import Decision, Policy
from vmscreen.result import Result

# Pillow writes these as they are; anything else (HEIF included) is written as PNG.
_WRITABLE = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "TIFF": ".tiff", "BMP": ".bmp",
             "GIF": ".gif", "MPO": ".mpo"}
# Of the box's size on each side: hairline, ears, chin. At 0.15 the head's outline around a
# blurred face in a 160 x 120 clip was still found as a face (0.62) on one encode of the copy.
FACE_MARGIN = 0.2
BLUR_BLOCKS = 6  # a blurred face keeps at most this many blocks across


@dataclass(frozen=True)
class Region:
    """A rectangle to cover in a copy, in the upright full-resolution frame."""

    box: Box
    code: str
    blur: bool  # blur (faces, people) or fill (text, documents)
    frame: int | None = None  # None: every frame


@dataclass(frozen=True)
class Redaction:
    """What became of one file: where its copy went and how many regions it covers, or why no
    copy was written."""

    path: str
    output: str | None
    regions: int
    codes: tuple[str, ...]
    result: Result
    skipped: str | None = None  # why no copy was written
    # Codes the policy does not accept that a copy cannot cover: no box (document wording, a
    # place, rights held by someone else). The copy still needs them looked at.
    uncovered: tuple[str, ...] = ()
    record: str | None = None  # the copy's record: what was found and what was removed
    # A video's sound: "kept", or "dropped" with the codes heard in it that the policy does not
    # accept; None for a file without sound.
    sound: str | None = None
    sound_codes: tuple[str, ...] = ()

    @property
    def written(self) -> bool:
        return self.output is not None


def _covered(finding: Finding, policy: Policy, info: CodeInfo | None) -> bool:
    if finding.box is None or finding.category is Category.UNSCREENED:
        return False
    if info is not None and info.cover is Cover.NONE:
        return False
    if info is not None and info.cover_accepted:
        return True
    return policy.outcome(finding)[0] is not Decision.ACCEPT


def regions(findings: Iterable[Finding], policy: Policy, codes: Mapping[str, CodeInfo], *,
            fill: bool = False) -> tuple[Region, ...]:
    """The regions a sanitised copy covers, for these findings under this policy, each as the
    catalogue ``codes`` says (blurred or filled)."""
    chosen = []
    for finding in findings:
        info = codes.get(finding.code)
        if not _covered(finding, policy, info):
            continue
        blur = not fill and info is not None and info.cover is Cover.BLUR
        chosen.append(Region(finding.box, finding.code, blur, finding.frame))  # type: ignore[arg-type]
    return tuple(chosen)


def uncovered(findings: Iterable[Finding], policy: Policy,
              codes: Mapping[str, CodeInfo] | None = None) -> tuple[str, ...]:
    """Codes of findings the policy does not accept and no region can cover (no box, or a
    code whose catalogue entry says covering would not help)."""
    def coverable(f: Finding) -> bool:
        info = (codes or {}).get(f.code)
        return f.box is not None and (info is None or info.cover is not Cover.NONE)

    return tuple(sorted({
        f.code for f in findings
        if not coverable(f) and f.category is not Category.UNSCREENED
        and policy.outcome(f)[0] is not Decision.ACCEPT}))


def _grow(box: Box, width: int, height: int, margin: float) -> tuple[int, int, int, int]:
    dx, dy = round(box.width * margin), round(box.height * margin)
    return (max(0, box.x0 - dx), max(0, box.y0 - dy), min(width, box.x1 + dx),
            min(height, box.y1 + dy))


def _blurred(patch: Image.Image) -> Image.Image:
    """Pixelated to a few blocks, then smoothed: nothing of a face survives, and the copy does
    not show hard mosaic edges."""
    width, height = patch.size
    blocks = max(1, min(BLUR_BLOCKS, width, height))
    step = max(width, height) / blocks
    small = patch.resize((max(1, round(width / step)), max(1, round(height / step))),
                         Image.Resampling.BOX)
    coarse = small.resize(patch.size, Image.Resampling.NEAREST)
    return coarse.filter(ImageFilter.GaussianBlur(step / 2))


def cover(image: Image.Image, chosen: Iterable[Region]) -> Image.Image:
    """A copy of an upright RGB image with the regions blurred or filled."""
    out = image.copy()
    width, height = out.size
    for region in chosen:
        if region.blur:
            area = _grow(region.box, width, height, FACE_MARGIN)
            if area[2] > area[0] and area[3] > area[1]:
                out.paste(_blurred(out.crop(area)), area[:2])
        elif region.box.width and region.box.height:
            x0, y0, x1, y1 = region.box.to_list()
            ImageDraw.Draw(out).rectangle((x0, y0, x1 - 1, y1 - 1), fill=(0, 0, 0))
    return out


def sanitised_bytes(media: Media, chosen: Iterable[Region]) -> tuple[bytes, str]:
    """The sanitised copy's bytes and its file suffix: the medium's own format where Pillow
    writes it, every frame of an animation, no metadata."""
    chosen = tuple(chosen)
    fmt = copy_format(media.format)

    def covered() -> Iterator[Image.Image]:
        for frame in media.frames():
            yield cover(frame.image(), [r for r in chosen if r.frame in (None, frame.index)])
            frame.release()

    frames = covered()
    first = next(frames)
    options: dict[str, object] = {"quality": 92} if fmt in ("JPEG", "MPO") else {}
    if media.frame_count > 1:
        # Pillow's GIF writer takes the frames as they come and keeps only its own copies, so
        # a long GIF is not held twice; the others read the frames more than once (the PNG
        # writer looks at every frame's mode first) and want a list.
        options.update(save_all=True,
                       append_images=frames if fmt in _STREAMED else list(frames))
        if fmt in ("GIF", "WEBP", "PNG"):  # animations keep their timing
            options.update(duration=media.durations(), loop=0)
    buffer = io.BytesIO()
    first.save(buffer, fmt, **options)
    return buffer.getvalue(), _WRITABLE[fmt]


_STREAMED = ("GIF",)


def copy_format(fmt: str) -> str:
    """The format a copy of a file of ``fmt`` is written in: its own where Pillow writes it."""
    return fmt if fmt in _WRITABLE else "PNG"


def copy_suffix(fmt: str) -> str:
    return _WRITABLE[copy_format(fmt)]


_SAME_SUFFIXES = {".jpg": {".jpg", ".jpeg"}, ".tiff": {".tif", ".tiff"},
                  ".mpo": {".mpo", ".jpg", ".jpeg"}}


def output_path(destination: Path, suffix: str) -> Path:
    """The destination, with the suffix of the format written added when it differs (a HEIC
    copy becomes photo.heic.png, so it cannot collide with a photo.png beside it)."""
    if destination.suffix.lower() in _SAME_SUFFIXES.get(suffix, {suffix}):
        return destination
    return destination.with_name(destination.name + suffix)
