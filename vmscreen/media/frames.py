"""One frame of a medium: the only picture of a photo, a frame of an animation, a page of a
TIFF, an image of a multi-picture JPEG. Upright, RGB, decoded on first use at each size asked
for and kept until the screen of that frame is over.

The views form a fixed pyramid: the full frame, a 2048 px level and a 1024 px level are decoded
(or, without DCT scaling, resized from the full frame); other sizes are resized from a level
above them (``Frame._source``). A dozen analyses ask for eight sizes between 256 and 2048 px,
and decoding each afresh cost a 12 MP JPEG four times its full decode; resizing a 1024 px view
costs a millisecond or two."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Literal

import numpy as np
from PIL import Image

from vmscreen.media.formats import fit

# Decodes the frame at most ``max_side`` pixels on its longer side (None: full resolution).
Decoder = Callable[[int | None], Image.Image]
LEVELS = (1024, 2048)  # the pyramid's decoded levels, smallest first


class Frame:
    """A frame's pixels at the sizes detectors ask for. ``width`` and ``height`` are of the
    upright full-resolution frame, the one every finding's box on this frame refers to.

    A view's pixels never depend on which views were asked for before it: each size has one
    fixed source. A level (``LEVELS``) is resized from the full-resolution decode with
    ``derive``, and decoded at its size without (a large JPEG, whose levels come cheaply from
    DCT scaling, or a video frame converted from YUV); any other size is resized from a level
    above it, or from the full frame.
    """

    def __init__(self, index: int, time: float | None, size: tuple[int, int], decode: Decoder,
                 *, derive: bool = True,
                 decoded: dict[int | None, Image.Image] | None = None) -> None:
        self.index = index
        self.time = time  # seconds from the start of an animation; None for stills and pages
        self.width, self.height = size
        self._decode = decode
        self._derive = derive
        self._lock = threading.Lock()
        self._views: dict[int | None, Image.Image] = dict(decoded or {})
        self._arrays: dict[tuple[int | None, bool], np.ndarray] = {}

    @property
    def pixels(self) -> int:
        return self.width * self.height

    def _side(self, max_side: int | None) -> int | None:
        return None if max_side is None or max_side >= max(self.width, self.height) else max_side

    def _source(self, max_side: int | None) -> int | Literal[False] | None:
        """The view a view of ``max_side`` is resized from (None: the full frame), or False
        when it is decoded itself. ``max_side`` is a reduced side (``_side``).

        A decoded level is the one DCT scaling would start that size's own decode from, so any
        size below it comes from it. A level resized from the full frame serves only sizes of
        at most half its side: resampling twice blurs more than once, and a statue's face
        resized 1920 -> 1024 -> 640 scored 0.74 where 1920 -> 640 scored 0.79."""
        if max_side is None or max_side in LEVELS:
            return None if self._derive and max_side is not None else False
        reach = 2 if self._derive else 1
        above = [level for level in LEVELS if level > max_side and level >= reach * max_side]
        if not above:
            return None if self._derive else False
        return self._side(above[0])

    def image(self, max_side: int | None = None) -> Image.Image:
        """The upright RGB frame, at most ``max_side`` pixels on its longer side (None: full)."""
        max_side = self._side(max_side)
        with self._lock:
            if max_side in self._views:
                return self._views[max_side]
        source = self._source(max_side)
        if source is False:
            view = self._decode(max_side)
        else:
            larger = self.image(source)
            view = larger.resize(fit(larger.size, max_side), Image.Resampling.BILINEAR,
                                 reducing_gap=2.0)
        with self._lock:
            return self._views.setdefault(max_side, view)

    def _array(self, max_side: int | None, grey: bool) -> np.ndarray:
        key = (self._side(max_side), grey)
        with self._lock:
            cached = self._arrays.get(key)
        if cached is not None:
            return cached
        view = self.image(max_side)
        array = np.asarray(view.convert("L") if grey else view)
        array.flags.writeable = False
        with self._lock:
            return self._arrays.setdefault(key, array)

    def array(self, max_side: int | None = None) -> np.ndarray:
        """The view as a read-only HxWx3 uint8 RGB array."""
        return self._array(max_side, grey=False)

    def grey(self, max_side: int | None = None) -> np.ndarray:
        """The view as a read-only HxW uint8 luminance array."""
        return self._array(max_side, grey=True)

    def scale(self, max_side: int | None) -> float:
        """Multiply coordinates in ``image(max_side)`` by this to get full-resolution pixels."""
        return self.width / self.image(max_side).width

    def release(self) -> None:
        """Drop the decoded views: the frame decodes again if it is asked for later."""
        with self._lock:
            self._views.clear()
            self._arrays.clear()
