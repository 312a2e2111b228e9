"""Which image formats are read, how a file is recognised by its content, and the pixel
conversions every frame goes through (mode to RGB, EXIF orientation, fitting a size)."""

from __future__ import annotations

import warnings
from collections.abc import Callable

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
_ROWS_AT_ONCE = 512  # frames are converted to RGB this many rows at a time
_TRANSPARENT_MODES = ("RGBA", "LA", "PA", "RGBa", "La")
_WHITE = (255, 255, 255)


def _bands(height: int) -> list[tuple[int, int]]:
    return [(top, min(height, top + _ROWS_AT_ONCE)) for top in range(0, height, _ROWS_AT_ONCE)]


def _deep_rows(im: Image.Image, top: int, bottom: int) -> np.ndarray:
    band = np.asarray(im.crop((0, top, im.width, bottom)), dtype=np.float32)
    return np.nan_to_num(band, nan=0.0, posinf=0.0, neginf=0.0)


def _deep_scale(im: Image.Image) -> np.float32:
    """What scales a 16-bit, 32-bit or float image to 8 bits: 255 over its brightest value."""
    brightest = max((float(_deep_rows(im, top, bottom).max()) for top, bottom in _bands(im.height)),
                    default=0.0)
    return np.float32(255.0 / brightest if brightest > 0 else 1.0)


def _rgb_rows(im: Image.Image, top: int, bottom: int, scale: np.float32 | None) -> np.ndarray:
    """Rows ``top`` to ``bottom`` of ``im`` as 8-bit RGB (rows x width x 3); transparency
    composited over white so text stays legible; deep images scaled by ``scale``."""
    if scale is not None:
        grey = _deep_rows(im, top, bottom)
        grey *= scale
        np.clip(grey, 0, 255, out=grey)
        return np.repeat(grey.astype(np.uint8)[..., None], 3, axis=2)
    band = im.crop((0, top, im.width, bottom))  # keeps the palette and its transparency
    if band.mode == "LAB":  # Pillow converts LAB to nothing else: its lightness is the picture
        return np.asarray(band.getchannel("L").convert("RGB"))
    if band.mode == "P" and "transparency" in band.info:
        band = band.convert("RGBA")
    if band.mode == "La":  # premultiplied grey converts to nothing but LA
        band = band.convert("LA")
    if band.mode in _TRANSPARENT_MODES:
        rgba = band if band.mode == "RGBA" else band.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, _WHITE)
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return np.asarray(canvas)
    return np.asarray(band.convert("RGB"))


# How each EXIF orientation is undone on an array of rows x columns (ImageOps.exif_transpose).
_UPRIGHT: dict[int, Callable[[np.ndarray], np.ndarray]] = {
    2: lambda a: a[:, ::-1],
    3: lambda a: a[::-1, ::-1],
    4: lambda a: a[::-1],
    5: lambda a: a.transpose(1, 0, 2),
    6: lambda a: np.rot90(a, -1),
    7: lambda a: a.transpose(1, 0, 2)[::-1, ::-1],
    8: lambda a: np.rot90(a, 1),
}


def _plain(im: Image.Image) -> bool:
    """Whether Pillow's own convert("RGB") gives the picture: no scaling, no compositing."""
    return not (im.mode in _DEEP_MODES or im.mode in _TRANSPARENT_MODES or im.mode == "LAB"
                or (im.mode == "P" and "transparency" in im.info))


def _rgb_array(im: Image.Image) -> np.ndarray:
    scale = _deep_scale(im) if im.mode in _DEEP_MODES else None
    rgb = np.empty((im.height, im.width, 3), np.uint8)
    for top, bottom in _bands(im.height):
        rgb[top:bottom] = _rgb_rows(im, top, bottom, scale)
    return rgb


def upright_rgb(im: Image.Image, *, consume: bool = False) -> Image.Image:
    """A decoded frame as 8-bit RGB, turned upright by its EXIF orientation: ``im`` itself when
    it already is, Pillow's conversion when that gives the picture and ``im`` is kept.
    Otherwise it is converted a band of rows at a time into one array and, with ``consume``,
    closed before that array becomes the image: a 120-megapixel frame of floats (458 MiB)
    then never sits beside its RGB image (458 MiB too: Pillow keeps RGB in four bytes a
    pixel), only beside the array (343 MiB)."""
    turn = orientation(im)
    if turn not in _UPRIGHT and (im.mode == "RGB" or (_plain(im) and not consume)):
        # Bands and an array only pay where the frame is closed after them.
        return im if im.mode == "RGB" else im.convert("RGB")
    rgb = _rgb_array(im)
    if consume:
        im.close()
    if turn in _UPRIGHT:
        rgb = np.ascontiguousarray(_UPRIGHT[turn](rgb))
    return Image.fromarray(rgb)


def to_rgb(im: Image.Image) -> Image.Image:
    """Any Pillow mode to 8-bit RGB, as stored (no EXIF orientation applied)."""
    if im.mode == "RGB":
        return im
    return im.convert("RGB") if _plain(im) else Image.fromarray(_rgb_array(im))


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
