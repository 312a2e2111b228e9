"""Screenshots and photos of screens: what they show (an app, a web page, someone's media) is
not the contributor's to give.

SCR101, a screenshot: the metadata's cues (a screenshot program or comment, no camera, a screen's
exact size, a screen's PNG density) and the pixels' (exactly flat colour in several panels,
few colours, bars at the top and bottom, level text in aligned columns, a lossless format) are
weighed by ``vmscreen.rules.screenshots``. A named screenshot program or comment is enough
alone; otherwise flat colour, a second sign of a drawn picture and a sign of an interface (text
in columns, a phone's bars, a screen's size or retina density) must agree: a drawing, a logo
or a test card is flat too. A frame the
document analysis reads as an identity document, or whose text holds a machine-readable zone or
a document's title (a card drawn, or scanned on a white bed, is flat too), is left to the
sensitive-id detector, unless the metadata names a screenshot program.

SCR102, a photo of a screen: the object search (NanoDet-m's COCO classes, the same run that
finds people) sees a tv, a laptop or a phone covering most of the frame, in a frame that is not
itself drawn.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

from vmscreen.analyses import FrameAnalyses
from vmscreen.analyses.objects import SceneObject
from vmscreen.analyses.ui_pixels import UiPixels, ui_pixels
from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Category, CodeInfo, Finding
from vmscreen.media import Frame, Media
from vmscreen.rules.id_wording import find_wording
from vmscreen.rules.mrz import find_mrz
from vmscreen.rules.screenshots import (
    ALIGNED,
    EXPLICIT_SCORE,
    FLAT,
    Cues,
    ScreenshotMetadata,
    ScreenshotPixels,
    aligned_lines,
    is_screenshot,
    metadata_cues,
    pixel_cues,
)

NAME = "screens"
# Formats that keep every pixel: an interface saved by a screenshot program. TIFF is left out:
# it is what scanners write.
LOSSLESS_FORMATS = ("PNG", "GIF", "BMP")
MIN_SIDE = 64  # smaller pictures are icons and metadata fixtures: no pixel cues
# A photo of a screen: the screen's object and how much of the frame it covers. NanoDet-m scores
# passports and cards on a desk as a laptop or tv up to 0.46 (the real and synthetic sets);
# screens filling the frame score higher.
SCREEN_LABELS = ("tv", "laptop", "cell phone")
MIN_SCREEN_SCORE = 0.5
MIN_SCREEN_AREA = 0.4

_SOFTWARE_FIELDS = ("Software", "xmp:CreatorTool", "ProcessingSoftware")
_COMMENT_FIELDS = ("UserComment", "exif:UserComment", "ImageDescription", "dc:description",
                   "Comment", "Description", "XPComment", "XPTitle", "dc:title")
_CAMERA_FIELDS = ("Make", "Model", "tiff:Make", "tiff:Model", "LensModel")

SCREENSHOT = CodeInfo(
    "SCR101", "screenshot", Category.COPYRIGHT,
    "The picture is a screenshot of an app, a web page or a desktop.",
    "The file's metadata or its pixels say it was captured from a screen, not taken with a "
    "camera: a screenshot program or comment in the metadata (enough alone), or exactly flat "
    "colour (no sensor noise) with more signs of a drawn picture (panels in several colours, "
    "few colours, a lossless format, no camera) and at least one of an interface: level text "
    "in aligned columns, a phone's status and navigation bars, a screen's exact size or a "
    "retina density. In a clip, only the text columns count. A screenshot shows apps, web "
    "pages and media the contributor does not own, so the default policy sends it to review. "
    "Evidence: the cues seen and their combined score, and the screenshot program's name from "
    "a fixed list when the metadata names one; never the metadata's text.",
)
SCREEN_PHOTO = CodeInfo(
    "SCR102", "photo-of-a-screen", Category.COPYRIGHT,
    "The picture is a photo of a monitor, laptop, phone or television screen.",
    "The object search (NanoDet-m, COCO classes) sees a tv, a laptop or a cell phone covering "
    "most of the frame. What the screen shows (a film, a web page, someone's photos) is not "
    "the contributor's, so the default policy sends it to review. Evidence: the object's label "
    "and the share of the frame it covers; the box is the screen's.",
)


def _png_dpi(data: bytes) -> float | None:
    """A PNG's pHYs density in dots per inch, when it is given in metres; None otherwise. The
    chunk comes before the image data, so the walk stops at the first IDAT."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT" or length > len(data):
            return None
        if kind == b"pHYs" and length == 9 and pos + 17 <= len(data):
            across, down, unit = struct.unpack(">IIB", data[pos + 8:pos + 17])
            if unit == 1 and across == down and across:
                return across * 0.0254
            return None
        pos += 12 + length
    return None


def _metadata(media: Media, frame: Frame) -> ScreenshotMetadata:
    meta = media.metadata
    still = frame.time is None  # a video's frame is always a screen's size: no size cue
    return ScreenshotMetadata(
        software=tuple(value for _, value in meta.values(*_SOFTWARE_FIELDS)),
        comments=tuple(value for _, value in meta.values(*_COMMENT_FIELDS)),
        camera=bool(meta.values(*_CAMERA_FIELDS)) or not still,
        width=frame.width if still else 0,
        height=frame.height if still else 0,
        dpi=_png_dpi(media.data) if media.format == "PNG" else None,
        lossless=media.format in LOSSLESS_FORMATS,
    )


def _pixels(measured: UiPixels, media: Media, frame: Frame, aligned: int) -> ScreenshotPixels:
    return ScreenshotPixels(
        flat_share=measured.flat_share, panel_share=measured.panel_share,
        flat_colours=measured.flat_colours, colour_share=measured.colour_share,
        grey=measured.grey, bands=measured.bands, aligned_lines=aligned,
        lossless=media.format in LOSSLESS_FORMATS, moving=frame.time is not None,
    )


def _aligned(analyses: FrameAnalyses) -> int:
    lines = analyses.reading().lines
    return aligned_lines((line.angle, float(line.box.x0)) for line in lines)


def _screenshot(subject: Subject, analyses: FrameAnalyses, frame: Frame
                ) -> tuple[Cues, UiPixels | None]:
    """The combined cues, and the pixel measures (None for a picture too small to measure)."""
    cues = metadata_cues(_metadata(subject.media, frame))
    if cues.score >= EXPLICIT_SCORE or min(frame.width, frame.height) < MIN_SIDE:
        return cues, None
    measured = ui_pixels(frame)
    # The text cue needs the OCR reading (shared with the text detectors): asked for only of a
    # frame that is flat at all, where it can decide, and always of a clip's (where it must).
    without_text = cues + pixel_cues(_pixels(measured, subject.media, frame, 0))
    with_text = cues + pixel_cues(_pixels(measured, subject.media, frame, ALIGNED[1]))
    if (measured.flat_share >= FLAT and not is_screenshot(without_text)
            and is_screenshot(with_text)):
        aligned = _aligned(analyses)
        return cues + pixel_cues(_pixels(measured, subject.media, frame, aligned)), measured
    return without_text, measured


def _shows_document(analyses: FrameAnalyses) -> bool:
    """Whether the frame is an identity document: a portrait beside text, a machine-readable
    zone or a document's title. A card drawn or scanned flat looks drawn to the pixel cues."""
    if analyses.document() is not None:
        return True
    texts = [line.text for line in analyses.reading().lines]
    wording = find_wording(texts)
    return bool(find_mrz(texts)) or (wording is not None and bool(wording.documents))


def _screen_photo(screen: SceneObject, width: int, height: int) -> Finding:
    share = round(screen.area_share(width, height), 3)
    return SCREEN_PHOTO.finding(
        NAME, round(screen.score, 3), f"a photo of a screen: a {screen.label} covering "
        f"{share:.0%} of the frame", box=screen.pixel_box(width, height),
        evidence={"object": screen.label, "frame_share": share})


class ScreenDetector:
    info = DetectorInfo(
        name=NAME,
        version="1.0.0",
        codes=(SCREENSHOT, SCREEN_PHOTO),
        licence="Apache-2.0",
        time_budget_s=60.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        frame, analyses = subject.frame, subject.analyses
        if frame is None or analyses is None:
            return []
        cues, measured = _screenshot(subject, analyses, frame)
        if is_screenshot(cues) and (cues.tool is not None or not _shows_document(analyses)):
            evidence = {"cues": ",".join(cues.cues), "tool": cues.tool or "",
                        "flat_share": round(measured.flat_share, 3) if measured else None}
            # No box: the whole picture is the finding, and a copy blacked out is no copy.
            return [SCREENSHOT.finding(NAME, cues.score, f"a screenshot ({', '.join(cues.cues)})",
                                       evidence=evidence)]
        if measured is not None and measured.flat_share >= FLAT:
            return []  # a drawn picture of a screen is not a photo of one
        screens = [thing for thing in analyses.objects()
                   if thing.label in SCREEN_LABELS and thing.score >= MIN_SCREEN_SCORE
                   and thing.area_share(frame.width, frame.height) >= MIN_SCREEN_AREA]
        if not screens:
            return []
        best = max(screens, key=lambda thing: thing.area_share(frame.width, frame.height))
        return [_screen_photo(best, frame.width, frame.height)]
