"""Small grey views of a frame for the cheap pixel measures, cut from the 1024 px grey view
the OCR pass also reads (decoded once per frame), shrunk by area averaging."""

from __future__ import annotations

import cv2
import numpy as np

from vmscreen.media import Frame


def small_grey(frame: Frame, side: int) -> np.ndarray:
    """The frame's grey view at most ``side`` pixels on its longer side."""
    view = frame.grey(1024)
    factor = side / max(view.shape)
    if factor < 1:
        view = cv2.resize(view, (max(1, round(view.shape[1] * factor)),
                                 max(1, round(view.shape[0] * factor))),
                          interpolation=cv2.INTER_AREA)
    return view
