"""Whether an image is a screenshot, from what its metadata and its pixels say, as a score and
the names of the cues behind it.

Metadata: a screenshot program names itself in the Software field (Spectacle, gnome-screenshot,
Greenshot, ShareX...), and iOS and macOS write "Screenshot" as the EXIF user comment. Those tags
are enough on their own. Weaker facts only add to the score: no camera make or model, a size
that is exactly a phone's or a monitor's, and a PNG density of 72 or 144 dpi (a Mac's retina
screenshots are 144). Pixels: exactly flat runs of colour (a sensor's noise leaves none), in
several colours at once (panels, toolbars, buttons), few distinct colours, bands at the top and
bottom (a phone's status and navigation bars), lines of text set perfectly level with shared
left edges, and a lossless format.

The metadata fields are free text that anyone can fill, so they are never repeated: what leaves
this rule is a name from ``TOOLS`` or ``CUES``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# A score at or over this says screenshot.
SCREENSHOT_SCORE = 0.75
EXPLICIT_SCORE = 0.95  # a screenshot program or comment names itself: enough alone

# Screenshot programs -> a family name from a fixed list. "screenshot" and "screen shot" as
# words catch the rest (macOS's and Android's comments, "Screenshot Tool", "Screenshot.app").
_TOOL_PATTERNS: tuple[tuple[str, str], ...] = (
    ("Spectacle", r"\bspectacle\b"),
    ("KSnapshot", r"\bksnapshot\b"),
    ("gnome-screenshot", r"gnome[- ]screenshot"),
    ("Snipping Tool", r"snipping\s*tool|snip\s*&\s*sketch|screenclip"),
    ("Greenshot", r"\bgreenshot\b"),
    ("ShareX", r"\bsharex\b"),
    ("Flameshot", r"\bflameshot\b"),
    ("Lightshot", r"\blightshot\b"),
    ("Snagit", r"\bsnagit\b"),
    ("Shutter", r"^shutter\b"),
    ("Xfce Screenshooter", r"screenshooter"),
    ("scrot", r"^(?:scrot|grim|maim)\b"),
    ("CleanShot", r"\bcleanshot\b"),
    ("Monosnap", r"\bmonosnap\b"),
    ("Skitch", r"\bskitch\b"),
    ("PicPick", r"\bpicpick\b"),
    ("Screenpresso", r"\bscreenpresso\b"),
    ("Gyazo", r"\bgyazo\b"),
    ("screencapture", r"\bscreencapture\b"),
    ("screenshot", r"screen\s?shot|screen\s+capture|bildschirmfoto|capture d.[ée]cran"),
)
_TOOLS = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _TOOL_PATTERNS)
TOOLS: tuple[str, ...] = tuple(name for name, _ in _TOOL_PATTERNS)

# EXIF UserComment starts with an 8-byte character code ("ASCII\0\0\0", "UNICODE\0"), which a
# reader that drops the NULs leaves glued to the text.
_CHARSET = re.compile(r"^(?:ASCII|UNICODE|JIS|UNDEFINED)(?=[A-Z\s]|$)")
_MAX_TEXT = 512

# Screen sizes in pixels, as (short side, long side): phones (iPhone SE to 16 Pro Max, common
# Android panels), tablets and monitors. Sizes that cameras also write (1024 x 768,
# 1536 x 2048, 1600 x 1200) are left out.
DEVICE_SIZES: frozenset[tuple[int, int]] = frozenset({
    (640, 1136), (750, 1334), (828, 1792), (1080, 1920), (1125, 2436), (1170, 2532),
    (1179, 2556), (1206, 2622), (1242, 2208), (1242, 2688), (1284, 2778), (1290, 2796),
    (1320, 2868), (720, 1280), (720, 1520), (720, 1600), (1080, 2160), (1080, 2220),
    (1080, 2280), (1080, 2340), (1080, 2400), (1440, 2560), (1440, 2960), (1440, 3040),
    (1440, 3088), (1440, 3200), (1620, 2160), (1640, 2360), (1668, 2224), (1668, 2388),
    (2048, 2732), (1200, 1920), (1600, 2560), (800, 1280), (768, 1366),
    (864, 1536), (900, 1440), (900, 1600), (1050, 1680), (1440, 2560), (1600, 2560),
    (1800, 2880), (1964, 3024), (2234, 3456), (1664, 2560), (1912, 2940), (2160, 3840),
    (1824, 2736), (2000, 3000), (1504, 2256), (1440, 3440), (1080, 2560),
})
# PNG densities screenshot programs write: a Mac's retina 144 dpi, and 72 or 96 (one screen
# pixel per point), within rounding (pHYs stores pixels per metre).
RETINA_DPI = 144.0
SCREEN_DPI = (72.0, 96.0)
_DPI_TOLERANCE = 0.5

# Metadata cues and their weights; none but a named tool reaches SCREENSHOT_SCORE alone.
DEVICE_SIZE = 0.25
RETINA_DENSITY = 0.2
SCREEN_DENSITY = 0.1
NO_CAMERA = 0.05

# Pixel cues and their weights.
FLAT, VERY_FLAT = 0.35, 0.6  # share of exactly flat pixels
FLAT_WEIGHT, VERY_FLAT_WEIGHT = 0.3, 0.4
PANELS = (3, 0.05)  # flat colours covering 0.2% of the frame or more, and their share off the
PANELS_WEIGHT = 0.2  # commonest one: several flat colours are panels, one is a backdrop
PALETTE = 0.02  # distinct colours per pixel in a colour image
PALETTE_WEIGHT = 0.3
ALIGNED = (3, 8)  # level text lines sharing a left edge with another
ALIGNED_WEIGHTS = (0.15, 0.2)
BANDS_WEIGHT = 0.1
LOSSLESS_WEIGHT = 0.1

# Flat colour and few colours are what any drawing has (a logo, a diagram, a test card); a
# screenshot shows an interface too: columns of level text, a phone's bars, or a file of a
# screen's exact size or a retina density.
INTERFACE_CUES = ("aligned-text", "screen-bars", "device-size", "retina-density")

LEVEL_DEGREES = 0.5  # a line's baseline within this of horizontal is level
SHARED_EDGE_PX = 2

CUES: tuple[str, ...] = (
    "screenshot-tool", "screenshot-comment", "device-size", "retina-density", "screen-density",
    "no-camera", "flat-colour", "flat-panels", "few-colours", "aligned-text", "screen-bars",
    "lossless",
)


@dataclass(frozen=True)
class ScreenshotMetadata:
    """The facts the metadata cues read, taken from the file by the caller."""

    software: tuple[str, ...] = ()  # EXIF Software, XMP CreatorTool, PNG Software
    comments: tuple[str, ...] = ()  # EXIF UserComment, ImageDescription, PNG Comment...
    camera: bool = False  # a camera make or model is recorded
    width: int = 0
    height: int = 0
    dpi: float | None = None  # a PNG's pHYs density, when it has one
    lossless: bool = False  # saved in a format that keeps every pixel (PNG, GIF, BMP)


@dataclass(frozen=True)
class ScreenshotPixels:
    """The pixel facts the pixel cues read (vmscreen.analyses.ui_pixels measures them)."""

    flat_share: float
    panel_share: float
    flat_colours: int
    colour_share: float
    grey: bool
    bands: int
    aligned_lines: int  # level text lines sharing a left edge (see ``aligned_lines``)
    lossless: bool
    moving: bool = False  # a frame of a clip or an animation


@dataclass(frozen=True)
class Cues:
    """A score in 0..1 and the names (from ``CUES``) of what raised it; ``tool`` names the
    screenshot program from ``TOOLS`` when the metadata names one."""

    score: float
    cues: tuple[str, ...] = ()
    tool: str | None = None

    def __add__(self, other: Cues) -> Cues:
        return Cues(min(1.0, round(self.score + other.score, 3)), (*self.cues, *other.cues),
                    self.tool or other.tool)


def is_screenshot(cues: Cues) -> bool:
    """Whether the cues (metadata and pixels, added) say screenshot: a named program or comment
    alone, or a score of SCREENSHOT_SCORE with a sign of an interface among its cues."""
    if cues.tool is not None:
        return True
    return cues.score >= SCREENSHOT_SCORE and any(cue in INTERFACE_CUES for cue in cues.cues)


def screenshot_tool(text: str) -> str | None:
    """The screenshot program (a name from ``TOOLS``) a Software or comment text names."""
    text = _CHARSET.sub("", text.strip()[:_MAX_TEXT]).strip()
    for name, pattern in _TOOLS:
        if pattern.search(text):
            return name
    return None


def device_size(width: int, height: int) -> bool:
    """Whether a picture is exactly the size of a phone's, a tablet's or a monitor's screen."""
    return (min(width, height), max(width, height)) in DEVICE_SIZES


def metadata_cues(facts: ScreenshotMetadata) -> Cues:
    """The metadata's score: a named screenshot program or comment is enough alone; the other
    cues add up to less than SCREENSHOT_SCORE."""
    for text in facts.software:
        tool = screenshot_tool(text)
        if tool is not None:
            return Cues(EXPLICIT_SCORE, ("screenshot-tool",), tool)
    for text in facts.comments:
        tool = screenshot_tool(text)
        if tool is not None:
            return Cues(EXPLICIT_SCORE, ("screenshot-comment",), tool)
    score, cues = 0.0, []
    if not facts.camera:
        score, cues = NO_CAMERA, ["no-camera"]
        # A camera writes its own sizes, and a JPEG of a screen's size is as often a wallpaper,
        # a slide or a video still: the size counts only for a lossless file without a camera.
        if facts.lossless and device_size(facts.width, facts.height):
            score += DEVICE_SIZE
            cues.append("device-size")
    if facts.dpi is not None:
        if abs(facts.dpi - RETINA_DPI) <= _DPI_TOLERANCE:
            score += RETINA_DENSITY
            cues.append("retina-density")
        elif any(abs(facts.dpi - dpi) <= _DPI_TOLERANCE for dpi in SCREEN_DPI):
            score += SCREEN_DENSITY
            cues.append("screen-density")
    return Cues(round(score, 3), tuple(cues))


def aligned_lines(lines: Iterable[tuple[float, float]], edge_px: float = SHARED_EDGE_PX) -> int:
    """How many text lines, given as (baseline angle in degrees, left edge in pixels), are level
    and start within ``edge_px`` of another level line's left edge: the column of labels, menu
    items and paragraphs an interface draws. Text printed on a page and photographed is tilted
    or bent by a degree or more."""
    edges: Sequence[float] = sorted(left for angle, left in lines if abs(angle) < LEVEL_DEGREES)
    return sum(
        1 for i, left in enumerate(edges)
        if (i > 0 and left - edges[i - 1] <= edge_px)
        or (i + 1 < len(edges) and edges[i + 1] - left <= edge_px)
    )


def pixel_cues(facts: ScreenshotPixels) -> Cues:
    """The pixels' score. Flat colour is necessary but not enough: a studio's white backdrop
    and a scanned page are flat in one colour, so flatness needs a second sign of a drawn
    interface (panels in several colours, few colours, aligned text, bars) to pass. In a clip,
    animation and title cards are drawn too (and a codec flattens dark scenes): only an
    interface's columns of level text tell a screen recording, so without them a moving frame
    scores nothing."""
    if facts.moving and facts.aligned_lines < ALIGNED[0]:
        return Cues(0.0)
    score, cues = 0.0, []
    if facts.flat_share >= FLAT:
        score += VERY_FLAT_WEIGHT if facts.flat_share >= VERY_FLAT else FLAT_WEIGHT
        cues.append("flat-colour")
    if facts.flat_colours >= PANELS[0] and facts.panel_share >= PANELS[1]:
        score += PANELS_WEIGHT
        cues.append("flat-panels")
    if not facts.grey and facts.colour_share <= PALETTE:
        score += PALETTE_WEIGHT
        cues.append("few-colours")
    if facts.aligned_lines >= ALIGNED[0]:
        score += ALIGNED_WEIGHTS[1] if facts.aligned_lines >= ALIGNED[1] else ALIGNED_WEIGHTS[0]
        cues.append("aligned-text")
    if facts.bands:
        score += BANDS_WEIGHT
        cues.append("screen-bars")
    if facts.lossless:
        score += LOSSLESS_WEIGHT
        cues.append("lossless")
    return Cues(min(1.0, round(score, 3)), tuple(cues))
