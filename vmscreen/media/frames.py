"""One frame of a medium: the only picture of a photo, a frame of an animation, a page of a
TIFF, an image of a multi-picture JPEG. Upright, RGB, decoded on first use at each size asked
for and kept until the screen of that frame is over."""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np
from PIL import Image

from vmscreen.media.formats import fit

# Decodes the frame at most ``max_side`` pixels on its longer side (None: full resolution).
Decoder = Callable[[int | None], Image.Image]


class Frame:
    """A frame's pixels at the sizes detectors ask for. ``width`` and ``height`` are of the
    upright full-resolution frame, the one every finding's box on this frame refers to.

    A view's pixels never depend on which views were asked for before it: with ``derive``,
    every reduced view is resized from the full-resolution decode; without (a large JPEG, whose
    reduced views come cheaply from DCT scaling), every size is decoded on its own.
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

    def image(self, max_side: int | None = None) -> Image.Image:
        """The upright RGB frame, at most ``max_side`` pixels on its longer side (None: full)."""
        max_side = self._side(max_side)
        with self._lock:
            if max_side in self._views:
                return self._views[max_side]
        if self._derive and max_side is not None:
            full = self.image(None)
            view = full.resize(fit(full.size, max_side), Image.Resampling.BILINEAR,
                               reducing_gap=2.0)
        else:
            view = self._decode(max_side)
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
