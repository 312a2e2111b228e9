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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from PIL import Image

from vmscreen.media.decoding import DRAFTABLE, Decoder, fitted
from vmscreen.media.formats import TIMED_FORMATS, storable, upright_size
from vmscreen.media.frames import Frame
from vmscreen.media.limits import Limits, MediaError
from vmscreen.media.metadata import MediaMetadata, RawMetadata, read_metadata, read_raw_metadata
from vmscreen.media.structure import inspect

# A JPEG frame larger than this decodes each reduced view with DCT scaling; a smaller one is
# decoded once at full size (the barcode search needs views this large anyway) and resized.
DRAFT_ABOVE = 2048
# The first frame's view decoded at open time: large enough for most detectors, cheap for JPEG.
ANALYSIS_SIDE = 1024
# Formats whose frames are pages or pictures of their own size, not frames of one canvas.
PAGED_FORMATS = ("TIFF", "MPO", "HEIF", "AVIF")


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
    are decoded lazily; reading them in order costs one pass over an animation. Frames hold the
    decoder, never the medium, so a medium is freed as soon as it is dropped.
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
        self._decoder = Decoder(data)
        self._lock = threading.Lock()  # the frame table
        self._frames: dict[int, Frame] = {}
        self._raw_metadata: RawMetadata = RawMetadata()
        # Bytes after the image's end that are not padding, and what they look like; and why
        # the file's structure is not whole, if it is not (what decodes is still screened).
        self.trailing: tuple[int, str | None] = (0, None)
        self.damage: str | None = None
        self._probe()

    def _probe(self) -> None:
        if not self.data:
            raise MediaError("UNS001", "empty file")
        if len(self.data) > self.limits.max_bytes:
            raise MediaError(
                "UNS003", f"file is {len(self.data)} bytes, over the {self.limits.max_bytes} limit"
            )
        im = self._decoder.open()
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
        except Exception as exc:  # noqa: BLE001 - Pillow's many types: a damaged animation
            raise MediaError("UNS001", f"corrupt animation: {exc}") from None
        if frames > self.limits.max_frames:
            raise MediaError(
                "UNS003", f"{frames} frames, over the {self.limits.max_frames} frame limit"
            )
        self.frame_count = frames
        # The bytes around the pixels: a structure that is not whole was cut or forged (Pillow
        # decodes some of both without complaint); bytes after it were never looked at.
        structure = inspect(self.data, self.format, frames)
        self.damage = structure.damage
        self.trailing = (structure.trailing, structure.trailing_kind)
        total = self._total_pixels(width * height)
        if total > self.limits.max_total_frame_pixels:
            raise MediaError("UNS003", f"{frames} frames of {total} pixels in all exceed the "
                             f"{self.limits.max_total_frame_pixels} limit")
        # HEIF decoders apply the rotation themselves and report orientation 1.
        self.width, self.height = upright_size(im)
        # Decode now so a truncated or corrupt first frame is caught here, once, not by every
        # detector. The opened image is decoded in place: Pillow finds a PNG's eXIf chunk only
        # after the pixel data, so reading metadata first would decompress the PNG twice.
        side = ANALYSIS_SIDE if max(width, height) > ANALYSIS_SIDE else None
        drafts = self.format in DRAFTABLE and max(width, height) > DRAFT_ABOVE
        # The metadata is read before the pixels are converted, which closes the handle.
        self._decoder.load(im, side)
        self._raw_metadata = read_raw_metadata(im)
        if self.format in DRAFTABLE or side is None:
            decoded = {side: self._decoder.converted(im, side)}
        else:  # decoded at full size anyway: keep it, rather than decode it again when asked
            full = self._decoder.converted(im, None)
            decoded = {None: full, side: fitted(full, side)}
        self._frames[0] = Frame(0, 0.0 if self._timed else None, (self.width, self.height),
                                self._decoder.first, derive=not drafts, decoded=decoded)

    def _total_pixels(self, first: int) -> int:
        """The pixels of every frame together. An animation's frames share its canvas; pages
        and pictures have sizes of their own, each read from its header (no pixels decoded)."""
        if self.frame_count == 1 or self.format not in PAGED_FORMATS:
            return self.frame_count * first
        return first + sum(w * h for w, h in (self._decoder.size(index)
                                              for index in range(1, self.frame_count)))

    @property
    def _timed(self) -> bool:
        return self.frame_count > 1 and self.format in TIMED_FORMATS

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
        size = self._decoder.size(index)
        if size[0] * size[1] > self.limits.max_pixels:
            raise MediaError("UNS003", f"frame {index} is {size[0]}x{size[1]}, over the pixel "
                             "limit")
        time = self.start_times()[index] if self._timed else None
        frame = Frame(index, time, size, self._decoder.later(index))
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
        return self._decoder.durations()

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


class Readable(Protocol):
    """A binary file object: an open file, io.BytesIO, a web framework's uploaded file."""

    def read(self, size: int = -1, /) -> bytes: ...


def read_source(source: str | Path | bytes | Readable, limits: Limits) -> tuple[bytes, str]:
    """Bytes and a display name for a path, raw bytes or a binary file object (read from where
    it stands, never closed), refusing oversized files unread. A path or a file object yields
    at most one byte past ``limits.max_bytes``: a file that grows while it is read (an upload
    still being written) is refused like one that was too large from the start."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), "<bytes>"
    if hasattr(source, "read"):
        return _read_bounded(source, limits), stream_name(source)
    try:
        path = Path(source)
        size = path.stat().st_size
        if not path.is_file():
            raise MediaError("UNS002", "not a regular file")
        if size > limits.max_bytes:
            raise MediaError("UNS003", f"file is {size} bytes, over the {limits.max_bytes} limit")
        with path.open("rb") as file:
            return _read_bounded(file, limits), str(source)
    except OSError as exc:
        raise MediaError("UNS001", f"cannot read file: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL byte in the path, a path too long to decode
        raise MediaError("UNS001", f"cannot read file: {exc}") from None


def _read_bounded(file: Readable, limits: Limits) -> bytes:
    """Up to one byte past the limit. A raw file or a socket may give less than asked before
    its end: it is read until it gives nothing."""
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= limits.max_bytes:
            chunk = file.read(limits.max_bytes + 1 - size)
            if chunk is None:  # a non-blocking stream: what it has not given is not screened
                raise MediaError("UNS001", "cannot read file: the stream had no data ready")
            if isinstance(chunk, str):
                raise MediaError("UNS002", _TEXT_MODE)
            if not chunk:
                break
            chunks.append(bytes(chunk))
            size += len(chunk)
    except OSError as exc:
        raise MediaError("UNS001", f"cannot read file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise MediaError("UNS002", _TEXT_MODE) from None
    except ValueError as exc:  # a closed file
        raise MediaError("UNS001", f"cannot read file: {exc}") from None
    if size > limits.max_bytes:
        raise MediaError("UNS003", f"file is over the {limits.max_bytes} byte limit")
    return b"".join(chunks)


_TEXT_MODE = "the file object reads text, not bytes (open it with 'rb')"


def stream_name(file: object) -> str:
    """A file object's own name where it has one (an open file's path, an upload's name)."""
    name = getattr(file, "name", None)
    return name if isinstance(name, str) and name else "<stream>"


def media_from_pil(image: Image.Image, limits: Limits | None = None) -> Media:
    """Wrap an in-memory PIL image (losslessly, as PNG) so it passes the same checks as a file."""
    limits = limits or Limits()
    if image.width <= 0 or image.height <= 0:
        raise MediaError("UNS001", f"image has no pixels ({image.width}x{image.height})")
    if image.width * image.height > limits.max_pixels:
        raise MediaError("UNS003", f"image is {image.width}x{image.height}, over the pixel limit")
    buffer = io.BytesIO()
    try:
        storable(image).save(buffer, format="PNG", compress_level=1)
    except (OSError, ValueError) as exc:
        raise MediaError("UNS002", f"cannot read an image of mode {image.mode}: {exc}") from None
    return Media(buffer.getvalue(), "<image>", limits)


def media_from_array(array: np.ndarray, limits: Limits | None = None) -> Media:
    """Wrap an HxW (grey), HxWx3 (RGB) or HxWx4 (RGBA) uint8 array."""
    if array.dtype != np.uint8 or array.ndim not in (2, 3):
        raise MediaError("UNS002", "arrays must be uint8, HxW, HxWx3 (RGB) or HxWx4 (RGBA)")
    if array.ndim == 3 and array.shape[2] not in (3, 4):
        raise MediaError("UNS002", "arrays must have 3 (RGB) or 4 (RGBA) channels")
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise MediaError("UNS001", f"array has no pixels ({array.shape[1]}x{array.shape[0]})")
    return media_from_pil(Image.fromarray(np.ascontiguousarray(array)), limits)
