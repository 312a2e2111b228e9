"""One decoded medium: recognised by content, checked against limits, decoded once per size.

``open_media`` reads the bytes, identifies the format from its content (never the extension),
checks pixel, byte and frame limits before any pixel is decoded, and verifies that the image
actually decodes. Views at reduced size come from JPEG DCT scaling (``draft``) where possible,
so a detector that needs 640 pixels does not pay for a 12 MP decode.
"""

from __future__ import annotations

import hashlib
import io
import threading
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from vmscreen.metadata import MediaMetadata, RawMetadata, read_metadata, read_raw_metadata

T = TypeVar("T")

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
_DRAFTABLE = ("JPEG", "MPO")
_DRAFT_SLACK = 0.8

# The primary view decoded at open time: large enough for most detectors, cheap for JPEG.
ANALYSIS_SIDE = 1024


class MediaError(Exception):
    """A file that cannot be screened. ``code`` is the UNS code it becomes."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Limits:
    """Bounds that stop decompression bombs and runaway files before decoding."""

    max_bytes: int = 200 * 1024 * 1024
    max_pixels: int = 120_000_000
    max_frames: int = 1000
    # All frames of an animation together, so a 1000-frame 4K GIF cannot exhaust memory.
    max_total_frame_pixels: int = 1_000_000_000


@dataclass(frozen=True)
class MediaInfo:
    """Facts about the file that every result records."""

    format: str
    mime: str
    width: int
    height: int
    frames: int
    bytes: int
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _to_rgb(im: Image.Image) -> Image.Image:
    """Any Pillow mode to 8-bit RGB; transparency composited over white so text stays legible."""
    if im.mode == "RGB":
        return im
    if im.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        arr = np.asarray(im, dtype=np.float64)
        top = float(arr.max()) or 1.0
        grey = np.clip(arr * (255.0 / top), 0, 255).astype(np.uint8)
        return Image.fromarray(grey, "L").convert("RGB")
    if im.mode == "P" and "transparency" in im.info:
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return im.convert("RGB")


_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\xff\xd8\xff", "JPEG"), (0, b"\x89PNG\r\n\x1a\n", "PNG"), (0, b"GIF8", "GIF"),
    (8, b"WEBP", "WebP"), (0, b"II*\x00", "TIFF"), (0, b"MM\x00*", "TIFF"), (0, b"BM", "BMP"),
    (4, b"ftyphei", "HEIF"), (4, b"ftypmif1", "HEIF"), (4, b"ftypavif", "AVIF"),
)


def _claimed_format(data: bytes) -> str | None:
    """The format a file's first bytes claim, whether or not the rest bears it out."""
    for offset, magic, name in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return name
    return None


def _orientation(im: Image.Image) -> int:
    """The EXIF orientation, 1 when absent or unreadable (the metadata reader reports damage)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return int(im.getexif().get(0x0112, 1))
    except (TypeError, ValueError, OSError, SyntaxError):
        return 1


def _fit(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    w, h = size
    scale = max_side / max(w, h)
    if scale >= 1:
        return size
    return max(1, round(w * scale)), max(1, round(h * scale))


class Media:
    """A medium opened by :func:`open_media`. Views are decoded lazily and kept.

    ``width`` and ``height`` are of the upright image (EXIF orientation applied), which is the
    frame every finding's box refers to.
    """

    format: str
    mime: str
    width: int
    height: int
    frame_count: int

    def __init__(self, data: bytes, source: str, limits: Limits) -> None:
        self.data = data
        self.source = source
        self.limits = limits
        self._lock = threading.RLock()
        self._views: dict[int | None, Image.Image] = {}
        self._memo: dict[str, Any] = {}
        self._raw_metadata: RawMetadata = RawMetadata()
        self._probe()

    # -- opening ------------------------------------------------------------------------------

    def _open(self) -> Image.Image:
        try:
            with warnings.catch_warnings():
                # Pillow warns (not raises) on large images and damaged EXIF: our own limit
                # decides the first, the metadata reader reports the second.
                warnings.simplefilter("ignore")
                return Image.open(io.BytesIO(self.data), formats=SUPPORTED_FORMATS)
        except Image.DecompressionBombError as exc:
            raise MediaError("UNS003", f"image exceeds the pixel limit: {exc}") from None
        except UnidentifiedImageError:
            claimed = _claimed_format(self.data)
            if claimed:  # it starts like one of ours, so it is damaged, not foreign
                raise MediaError("UNS001", f"corrupt {claimed} header") from None
            raise MediaError(
                "UNS002",
                "not a supported image: content is none of " + ", ".join(SUPPORTED_FORMATS),
            ) from None
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            raise MediaError("UNS001", f"corrupt image header: {exc}") from None

    def _probe(self) -> None:
        if not self.data:
            raise MediaError("UNS001", "empty file")
        if len(self.data) > self.limits.max_bytes:
            raise MediaError(
                "UNS003", f"file is {len(self.data)} bytes, over the {self.limits.max_bytes} limit"
            )
        im = self._open()
        width, height = im.size
        if width <= 0 or height <= 0:
            raise MediaError("UNS001", f"image has no pixels ({width}x{height})")
        if width * height > self.limits.max_pixels:
            raise MediaError(
                "UNS003",
                f"image is {width}x{height} = {width * height} pixels, "
                f"over the {self.limits.max_pixels} limit",
            )
        self.format = str(im.format)
        self.mime = im.get_format_mimetype() or "application/octet-stream"
        try:
            frames = int(getattr(im, "n_frames", 1))
        except (OSError, ValueError, EOFError) as exc:
            raise MediaError("UNS001", f"corrupt animation: {exc}") from None
        if frames > self.limits.max_frames:
            raise MediaError(
                "UNS003", f"{frames} frames, over the {self.limits.max_frames} frame limit"
            )
        if frames * width * height > self.limits.max_total_frame_pixels:
            raise MediaError("UNS003", f"{frames} frames of {width}x{height} exceed the limit")
        self.frame_count = frames
        # Decode now so a truncated or corrupt body is caught here, once, not by every detector.
        # The opened image is decoded in place: Pillow finds a PNG's eXIf chunk only after the
        # pixel data, so reading metadata first would decompress the PNG twice.
        side = ANALYSIS_SIDE if max(width, height) > ANALYSIS_SIDE else None
        view = self._decode(side, im)
        self._views[side] = view
        self._raw_metadata = read_raw_metadata(im)
        # HEIF decoders apply the rotation themselves and report orientation 1.
        swapped = _orientation(im) in (5, 6, 7, 8)
        self.width, self.height = (height, width) if swapped else (width, height)

    # -- views --------------------------------------------------------------------------------

    def _decode(self, max_side: int | None, opened: Image.Image | None = None) -> Image.Image:
        im = opened if opened is not None else self._open()
        if max_side is not None and im.format in _DRAFTABLE:
            # DCT scaling: libjpeg decodes at 1/2, 1/4 or 1/8 for a fraction of the cost. Taking
            # a view down to 80% of the side asked for often saves a whole scale step and the
            # resize after it (a 4000 px photo asked at 1024 decodes at 1/4, not 1/2).
            w, h = _fit(im.size, max_side)
            im.draft("RGB", (int(w * _DRAFT_SLACK), int(h * _DRAFT_SLACK)))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                im.load()
                # A copy only when a rotation is needed: most photos are stored upright.
                upright = ImageOps.exif_transpose(im) if _orientation(im) != 1 else im
        except Image.DecompressionBombError as exc:
            raise MediaError("UNS003", str(exc)) from None
        except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
            raise MediaError("UNS001", f"image data is corrupt or truncated: {exc}") from None
        rgb = _to_rgb(upright)
        if max_side is not None and max(rgb.size) > max_side:
            rgb = rgb.resize(_fit(rgb.size, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
        rgb.load()
        return rgb

    def image(self, max_side: int | None = None) -> Image.Image:
        """The upright RGB image, at most ``max_side`` pixels on its longer side (None: full)."""
        if max_side is not None and max_side >= max(self.width, self.height):
            max_side = None
        with self._lock:
            if max_side in self._views:
                return self._views[max_side]
            full = self._views.get(None)
            if full is not None and max_side is not None:
                view = full.resize(
                    _fit(full.size, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0
                )
            else:
                view = self._decode(max_side)
            self._views[max_side] = view
            return view

    def array(self, max_side: int | None = None) -> np.ndarray:
        """The view as a read-only HxWx3 uint8 RGB array."""
        arr = np.asarray(self.image(max_side))
        arr.flags.writeable = False
        return arr

    def grey(self, max_side: int | None = None) -> np.ndarray:
        """The view as a read-only HxW uint8 luminance array."""
        arr = np.asarray(self.image(max_side).convert("L"))
        arr.flags.writeable = False
        return arr

    def scale(self, max_side: int | None) -> float:
        """Multiply coordinates in ``image(max_side)`` by this to get full-resolution pixels."""
        return self.width / self.image(max_side).width

    def frames(self, max_side: int | None = None) -> Iterator[tuple[int, Image.Image]]:
        """Every frame of an animation (or the single image) as upright RGB, decoded on demand."""
        if self.frame_count == 1:
            yield 0, self.image(max_side)
            return
        im = self._open()
        try:
            for index, frame in enumerate(ImageSequence.Iterator(im)):
                rgb = _to_rgb(frame.convert("RGBA"))
                if max_side is not None:
                    rgb = rgb.resize(_fit(rgb.size, max_side), Image.Resampling.BILINEAR)
                yield index, rgb
        except (OSError, ValueError, EOFError) as exc:
            raise MediaError("UNS001", f"animation frame is corrupt: {exc}") from None

    def durations(self) -> list[int]:
        """Each frame's display time in milliseconds (100 where the file gives none)."""
        if self.frame_count == 1:
            return [0]
        im = self._open()
        return [int(frame.info.get("duration") or 100) for frame in ImageSequence.Iterator(im)]

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Work several detectors share (one OCR pass per medium): computed once, then kept.
        Concurrent callers of the same key wait for the first instead of repeating it."""
        with self._lock:
            if key not in self._memo:
                self._memo[key] = compute()
            return self._memo[key]

    # -- facts --------------------------------------------------------------------------------

    @cached_property
    def metadata(self) -> MediaMetadata:
        return read_metadata(self._raw_metadata)

    @cached_property
    def info(self) -> MediaInfo:
        return MediaInfo(
            format=self.format,
            mime=self.mime,
            width=self.width,
            height=self.height,
            frames=self.frame_count,
            bytes=len(self.data),
            sha256=hashlib.sha256(self.data).hexdigest(),
        )


def read_source(source: str | Path | bytes, limits: Limits) -> tuple[bytes, str]:
    """Bytes and a display name for a path or raw bytes, refusing oversized files unread."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), "<bytes>"
    path = Path(source)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise MediaError("UNS002", "not a regular file")
        if size > limits.max_bytes:
            raise MediaError("UNS003", f"file is {size} bytes, over the {limits.max_bytes} limit")
        return path.read_bytes(), str(source)
    except OSError as exc:
        raise MediaError("UNS001", f"cannot read file: {exc.strerror or exc}") from None


def open_media(source: str | Path | bytes, limits: Limits | None = None) -> Media:
    """Open a path or bytes as a Media, or raise MediaError with the UNS code it deserves."""
    limits = limits or Limits()
    data, name = read_source(source, limits)
    return Media(data, name, limits)


def media_from_pil(image: Image.Image, limits: Limits | None = None) -> Media:
    """Wrap an in-memory PIL image (losslessly, as PNG) so it passes the same checks as a file."""
    limits = limits or Limits()
    if image.width * image.height > limits.max_pixels:
        raise MediaError("UNS003", f"image is {image.width}x{image.height}, over the pixel limit")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return Media(buffer.getvalue(), "<image>", limits)


def media_from_array(array: np.ndarray, limits: Limits | None = None) -> Media:
    """Wrap an HxW (grey), HxWx3 (RGB) or HxWx4 (RGBA) uint8 array."""
    if array.dtype != np.uint8 or array.ndim not in (2, 3):
        raise MediaError("UNS002", "arrays must be uint8, HxW, HxWx3 (RGB) or HxWx4 (RGBA)")
    if array.ndim == 3 and array.shape[2] not in (3, 4):
        raise MediaError("UNS002", "arrays must have 3 (RGB) or 4 (RGBA) channels")
    return media_from_pil(Image.fromarray(np.ascontiguousarray(array)), limits)

