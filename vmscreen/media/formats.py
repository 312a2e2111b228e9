"""Which image formats are read, how a file is recognised by its content, and the pixel
conversions every frame goes through (mode to RGB, EXIF orientation, fitting a size)."""

from __future__ import annotations

import warnings

import numpy as np
from PIL import Image

try:  # HEIC/HEIF/AVIF come from libheif through pillow-heif.
    import pillow_heif

    pillow_heif.register_heif_opener()
    _HEIF_FORMATS: tuple[str, ...] = ("HEIF",)
except ImportError:  # pragma: no cover - a declared dependency; kept optional for embedders
    _HEIF_FORMATS = ()

Image.init()  # register every Pillow plugin now, so the format allow-list below can name them

# Decoders we trust with untrusted input. Everything else Pillow knows is refused.
# (MPO, the multi-picture JPEG of many cameras, opens through the JPEG plugin.)
SUPPORTED_FORMATS: tuple[str, ...] = tuple(
    f for f in ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP", *_HEIF_FORMATS, "AVIF")
    if f in Image.OPEN
)
# Formats whose frames have display times: animations, as opposed to pages or pictures.
TIMED_FORMATS = ("GIF", "WEBP", "PNG")

_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\xff\xd8\xff", "JPEG"), (0, b"\x89PNG\r\n\x1a\n", "PNG"), (0, b"GIF8", "GIF"),
    (8, b"WEBP", "WebP"), (0, b"II*\x00", "TIFF"), (0, b"MM\x00*", "TIFF"), (0, b"BM", "BMP"),
    (4, b"ftyphei", "HEIF"), (4, b"ftypmif1", "HEIF"), (4, b"ftypavif", "AVIF"),
)


def claimed_format(data: bytes) -> str | None:
    """The format a file's first bytes claim, whether or not the rest bears it out."""
    for offset, magic, name in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return name
    return None


# Modes a PNG holds as they are, so an in-memory image is wrapped losslessly.
PNG_MODES = ("1", "L", "LA", "P", "RGB", "RGBA", "I;16")
_DEEP_MODES = ("I;16", "I;16L", "I;16B", "I;16N", "I", "F")
_ROWS_AT_ONCE = 512  # deep images are scaled down to 8 bits this many rows at a time


def _eight_bit(im: Image.Image) -> Image.Image:
    """A 16-bit, 32-bit or float image scaled to 8-bit grey by its brightest value, read a band
    of rows at a time (twice: for the brightest value, then to scale): a 120-megapixel 16-bit
    PNG must become neither a float64 copy of 1 GB nor even one array copy of itself."""
    width, height = im.size
    bands = [(top, min(height, top + _ROWS_AT_ONCE)) for top in range(0, height, _ROWS_AT_ONCE)]

    def rows(top: int, bottom: int) -> np.ndarray:
        band = np.asarray(im.crop((0, top, width, bottom)), dtype=np.float32)
        return np.nan_to_num(band, nan=0.0, posinf=0.0, neginf=0.0)

    brightest = max((float(rows(top, bottom).max()) for top, bottom in bands), default=0.0)
    scale = np.float32(255.0 / brightest if brightest > 0 else 1.0)
    grey = np.empty((height, width), np.uint8)
    for top, bottom in bands:
        band = rows(top, bottom)
        band *= scale
        np.clip(band, 0, 255, out=band)
        grey[top:bottom] = band
    return Image.fromarray(grey, "L")


def to_rgb(im: Image.Image) -> Image.Image:
    """Any Pillow mode to 8-bit RGB; transparency composited over white so text stays legible."""
    if im.mode == "RGB":
        return im
    if im.mode in _DEEP_MODES:
        return _eight_bit(im).convert("RGB")
    if im.mode == "LAB":  # Pillow converts LAB to nothing else: its lightness is the picture
        return im.getchannel("L").convert("RGB")
    if im.mode == "P" and "transparency" in im.info:
        im = im.convert("RGBA")
    if im.mode == "La":  # premultiplied grey converts to nothing but LA
        im = im.convert("LA")
    if im.mode in ("RGBA", "LA", "PA", "RGBa"):
        rgba = im if im.mode == "RGBA" else im.convert("RGBA")  # no copy of a large RGBA
        alpha = rgba.getchannel("A")
        if alpha.getextrema() == (255, 255):  # opaque throughout: nothing to composite
            return rgba.convert("RGB")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=alpha)
        return canvas
    return im.convert("RGB")


def storable(im: Image.Image) -> Image.Image:
    """An in-memory image in a mode a PNG holds: as it is where it can be, RGB otherwise."""
    return im if im.mode in PNG_MODES else to_rgb(im)


def orientation(im: Image.Image) -> int:
    """The EXIF orientation, 1 when absent or unreadable (the metadata reader reports damage)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return int(im.getexif().get(0x0112, 1))
    except (TypeError, ValueError, OSError, SyntaxError):
        return 1


def upright_size(im: Image.Image) -> tuple[int, int]:
    """The size of the current frame once its EXIF orientation is applied."""
    width, height = im.size
    return (height, width) if orientation(im) in (5, 6, 7, 8) else (width, height)


def fit(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    """``size`` scaled down so its longer side is at most ``max_side`` (never up)."""
    w, h = size
    scale = max_side / max(w, h)
    if scale >= 1:
        return size
    return max(1, round(w * scale)), max(1, round(h * scale))
