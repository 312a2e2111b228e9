"""One medium: recognised by content, checked against limits, a sequence of frames.

``open_media`` reads the bytes, identifies the format from its content (never the extension),
checks pixel, byte and frame limits before any pixel is decoded, and verifies that the first
frame decodes. A photo is one frame; an animation (GIF, WebP, APNG), a multi-page TIFF and a
multi-picture JPEG (MPO) are several, each decoded when it is screened. Views at reduced size
come from JPEG DCT scaling (``draft``) where possible, so a detector that needs 640 pixels does
not pay for a 12 MP decode.
"""

from __future__ import annotations

import hashlib
import io
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from vmscreen.media.formats import (
    SUPPORTED_FORMATS,
    TIMED_FORMATS,
    claimed_format,
    fit,
    orientation,
    to_rgb,
    upright_size,
)
from vmscreen.media.frames import Frame
from vmscreen.media.limits import Limits, MediaError
from vmscreen.media.metadata import MediaMetadata, RawMetadata, read_metadata, read_raw_metadata

_DRAFTABLE = ("JPEG", "MPO")
_DRAFT_SLACK = 0.8
# A JPEG frame larger than this decodes each reduced view with DCT scaling; a smaller one is
# decoded once at full size (the barcode search needs views this large anyway) and resized.
DRAFT_ABOVE = 2048

# The first frame's view decoded at open time: large enough for most detectors, cheap for JPEG.
ANALYSIS_SIDE = 1024
DEFAULT_DURATION_MS = 100  # what browsers show a frame for when the file gives no time


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


class Media:
    """A medium opened by :func:`open_media`: file-wide facts and its frames.

    ``width`` and ``height`` are of the first frame, upright (EXIF orientation applied). Frames
    are decoded lazily; reading them in order costs one pass over an animation.
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
        self._lock = threading.Lock()  # the frame table
        self._sequence_lock = threading.Lock()  # the open image that later frames come from
        self._sequence: Image.Image | None = None
        self._frames: dict[int, Frame] = {}
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
            claimed = claimed_format(self.data)
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
        # HEIF decoders apply the rotation themselves and report orientation 1.
        self.width, self.height = upright_size(im)
        # Decode now so a truncated or corrupt first frame is caught here, once, not by every
        # detector. The opened image is decoded in place: Pillow finds a PNG's eXIf chunk only
        # after the pixel data, so reading metadata first would decompress the PNG twice.
        side = ANALYSIS_SIDE if max(width, height) > ANALYSIS_SIDE else None
        checked = self._decode(side, im)
        drafts = self.format in _DRAFTABLE and max(width, height) > DRAFT_ABOVE
        self._frames[0] = Frame(0, 0.0 if self._timed else None, (self.width, self.height),
                                self._decode, derive=not drafts, decoded={side: checked})
        self._raw_metadata = read_raw_metadata(im)

    @property
    def _timed(self) -> bool:
        return self.frame_count > 1 and self.format in TIMED_FORMATS

    # -- decoding -----------------------------------------------------------------------------

    def _decode(self, max_side: int | None, opened: Image.Image | None = None) -> Image.Image:
        """The first frame, through a fresh handle: JPEG DCT scaling applies."""
        im = opened if opened is not None else self._open()
        if max_side is not None and im.format in _DRAFTABLE:
            # DCT scaling: libjpeg decodes at 1/2, 1/4 or 1/8 for a fraction of the cost. Taking
            # a view down to 80% of the side asked for often saves a whole scale step and the
            # resize after it (a 4000 px photo asked at 1024 decodes at 1/4, not 1/2).
            w, h = fit(im.size, max_side)
            im.draft("RGB", (int(w * _DRAFT_SLACK), int(h * _DRAFT_SLACK)))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                im.load()
                # A copy only when a rotation is needed: most photos are stored upright.
                upright = ImageOps.exif_transpose(im) if orientation(im) != 1 else im
        except Image.DecompressionBombError as exc:
            raise MediaError("UNS003", str(exc)) from None
        except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
            raise MediaError("UNS001", f"image data is corrupt or truncated: {exc}") from None
        rgb = to_rgb(upright)
        if max_side is not None and max(rgb.size) > max_side:
            rgb = rgb.resize(fit(rgb.size, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
        rgb.load()
        return rgb

    def _seek(self, index: int) -> Image.Image:
        """The sequence handle at frame ``index`` (the caller holds the sequence lock). Frames
        are read forwards; going back means opening again, since animation frames build on
        the ones before them."""
        if self._sequence is None or self._sequence.tell() > index:
            self._sequence = self._open()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._sequence.seek(index)
        except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
            self._sequence = None
            raise MediaError("UNS001", f"frame {index} is corrupt or truncated: {exc}") from None
        return self._sequence

    def _decode_later(self, index: int, max_side: int | None) -> Image.Image:
        """Frame ``index`` (1 or more) upright and RGB, through the sequence handle."""
        with self._sequence_lock:
            im = self._seek(index)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    im.load()
                    upright = ImageOps.exif_transpose(im) if orientation(im) != 1 else im
                    rgb = to_rgb(upright)
                    rgb = rgb.copy() if rgb is im else rgb  # the handle moves on to the next
            except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
                self._sequence = None
                raise MediaError("UNS001",
                                 f"frame {index} is corrupt or truncated: {exc}") from None
        if max_side is not None and max(rgb.size) > max_side:
            rgb = rgb.resize(fit(rgb.size, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
        return rgb

    # -- frames -------------------------------------------------------------------------------

    def frame(self, index: int) -> Frame:
        """Frame ``index`` (0-based). Its size is read from the file; pixels wait until asked
        for. Raises MediaError for a frame that cannot be read."""
        if not 0 <= index < self.frame_count:
            raise IndexError(f"frame {index} of {self.frame_count}")
        with self._lock:
            known = self._frames.get(index)
        if known is not None:
            return known
        with self._sequence_lock:
            size = upright_size(self._seek(index))
        if size[0] * size[1] > self.limits.max_pixels:
            raise MediaError("UNS003", f"frame {index} is {size[0]}x{size[1]}, over the pixel "
                             "limit")
        time = self.start_times()[index] if self._timed else None
        frame = Frame(index, time, size, lambda side: self._decode_later(index, side))
        with self._lock:
            return self._frames.setdefault(index, frame)

    def frames(self) -> Iterator[Frame]:
        """Every frame, in order."""
        for index in range(self.frame_count):
            yield self.frame(index)

    def durations(self) -> list[int]:
        """Each frame's display time in milliseconds (100 where the file gives none); 0 for
        the frames of a medium that is not an animation."""
        if not self._timed:
            return [0] * self.frame_count
        return list(self._durations)

    def start_times(self) -> list[float]:
        """When each frame starts, in seconds from the first (animations only)."""
        starts, elapsed = [], 0
        for duration in self.durations():
            starts.append(elapsed / 1000)
            elapsed += duration
        return starts

    @cached_property
    def _durations(self) -> tuple[int, ...]:
        im = self._open()
        durations = []
        try:
            for frame in ImageSequence.Iterator(im):
                if self.format == "WEBP":
                    frame.load()  # Pillow reads a WebP frame's time as it decodes it
                durations.append(int(frame.info.get("duration") or DEFAULT_DURATION_MS))
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            raise MediaError("UNS001", f"animation frame is corrupt: {exc}") from None
        return tuple(durations)

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
