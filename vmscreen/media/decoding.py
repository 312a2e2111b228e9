"""Decoding one file's pixels with Pillow, from the trusted formats only: the first frame through
a fresh handle (JPEG DCT scaling applies), later frames forwards through one sequence handle,
every frame upright and RGB. Damage becomes a MediaError with the UNS code it deserves."""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from vmscreen.media.formats import (
    SUPPORTED_FORMATS,
    claimed_format,
    fit,
    upright_rgb,
    upright_size,
)
from vmscreen.media.limits import MediaError

DRAFTABLE = ("JPEG", "MPO")
_DRAFT_SLACK = 0.8
DEFAULT_DURATION_MS = 100  # what browsers show a frame for when the file gives no time
# Pillow answers hostile data with a zoo of exception types (OSError, SyntaxError, KeyError,
# IndexError, TypeError, struct.error, ZeroDivisionError...), none of which means more than
# "this file is damaged": each becomes UNS001 (a decompression bomb, UNS003, is caught first).
_DAMAGE = (Exception,)


class Decoder:
    """The pixels of one file's bytes. Thread-safe: the sequence handle is locked."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._lock = threading.Lock()
        self._sequence: Image.Image | None = None

    def open(self) -> Image.Image:
        """A fresh Pillow handle on the file, or the MediaError it deserves."""
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
        except _DAMAGE as exc:
            raise MediaError("UNS001", f"corrupt image header: {_why(exc)}") from None

    def first(self, max_side: int | None, opened: Image.Image | None = None) -> Image.Image:
        """The first frame, at most ``max_side`` on its longer side, through a fresh handle
        (or ``opened``, not yet decoded: see ``converted``)."""
        im = opened if opened is not None else self.open()
        self.load(im, max_side)
        return self.converted(im, max_side)

    def load(self, im: Image.Image, max_side: int | None) -> None:
        """Decode the first frame of ``im`` in place, at a reduced scale where the format has
        one and ``max_side`` allows it."""
        if max_side is not None and im.format in DRAFTABLE:
            # DCT scaling: libjpeg decodes at 1/2, 1/4 or 1/8 for a fraction of the cost. Taking
            # a view down to 80% of the side asked for often saves a whole scale step and the
            # resize after it (a 4000 px photo asked at 1024 decodes at 1/4, not 1/2).
            w, h = fit(im.size, max_side)
            # At least 1 px each way: a 10000 x 1 strip asks for 0 rows, and Pillow divides by it.
            im.draft("RGB", (max(1, int(w * _DRAFT_SLACK)), max(1, int(h * _DRAFT_SLACK))))
        with _decoding("image data", "decode", im.size):
            im.load()

    def converted(self, im: Image.Image, max_side: int | None) -> Image.Image:
        """The first frame ``load`` decoded, upright RGB at most ``max_side``; ``im`` is closed
        once converted, so a large frame is not held twice."""
        with _decoding("image data", "convert", im.size):
            rgb = upright_rgb(im, consume=True)
        return fitted(rgb, max_side)

    def _seek(self, index: int) -> Image.Image:
        """The sequence handle at frame ``index`` (the caller holds the lock). Frames are read
        forwards; going back means opening again, since animation frames build on the ones
        before them."""
        if self._sequence is None or self._sequence.tell() > index:
            self._sequence = self.open()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._sequence.seek(index)
        except _DAMAGE as exc:
            self._sequence = None
            raise MediaError("UNS001",
                             f"frame {index} is corrupt or truncated: {_why(exc)}") from None
        return self._sequence

    def size(self, index: int) -> tuple[int, int]:
        """Frame ``index``'s upright size, read without decoding its pixels."""
        with self._lock:
            return upright_size(self._seek(index))

    def later(self, index: int) -> Callable[[int | None], Image.Image]:
        """A decoder of frame ``index`` at any size, for its Frame."""
        return lambda max_side: self._later(index, max_side)

    def _later(self, index: int, max_side: int | None) -> Image.Image:
        with self._lock:
            im = self._seek(index)
            try:
                with _decoding(f"frame {index}", "decode", im.size):
                    im.load()
                    rgb = upright_rgb(im)
                    rgb = rgb.copy() if rgb is im else rgb  # the handle moves on to the next
            except MediaError:
                self._sequence = None
                raise
        return fitted(rgb, max_side)

    def durations(self) -> tuple[int, ...]:
        """Every frame's display time in milliseconds, through a handle of its own."""
        im = self.open()
        durations = []
        try:
            for frame in ImageSequence.Iterator(im):
                if im.format == "WEBP":
                    frame.load()  # Pillow reads a WebP frame's time as it decodes it
                durations.append(int(frame.info.get("duration") or DEFAULT_DURATION_MS))
        except _DAMAGE as exc:
            raise MediaError("UNS001", f"animation frame is corrupt: {_why(exc)}") from None
        return tuple(durations)


@contextmanager
def _decoding(what: str, step: str, size: tuple[int, int]) -> Iterator[None]:
    """Decoding or converting ``what`` (a frame of ``size``), Pillow's warnings silenced and its
    errors turned into the MediaError each deserves: a decompression bomb, or a frame within
    the pixel limit this process had no memory for, is over the limits (UNS003); anything
    else is damage (UNS001)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    except Image.DecompressionBombError as exc:
        raise MediaError("UNS003", str(exc)) from None
    except MemoryError:
        raise MediaError("UNS003", f"not enough memory to {step} the {size[0]} x {size[1]} "
                         "frame; lower the pixel limit or give the process more memory") from None
    except _DAMAGE as exc:
        raise MediaError("UNS001", f"{what} is corrupt or truncated: {_why(exc)}") from None


def _why(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:200]


def fitted(rgb: Image.Image, max_side: int | None) -> Image.Image:
    """``rgb`` resized to at most ``max_side`` on its longer side (itself when it fits)."""
    if max_side is not None and max(rgb.size) > max_side:
        rgb = rgb.resize(fit(rgb.size, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    rgb.load()
    return rgb


def format_of(path: str | Path) -> str | None:
    """The format a file's header declares, as Pillow names it, reading no pixels; None for a
    file vmscreen does not read."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path, formats=SUPPORTED_FORMATS) as im:
                return str(im.format)
    except Exception:  # noqa: BLE001 - any failure means: not a file we would copy
        return None
