"""The barcodes of one frame, decoded with zxing-cpp: the two-dimensional formats, which carry
documents' data as text (PDF417 on licences, QR codes, Data Matrix, Aztec).

PDF417 decoding fails beyond a few degrees of skew, so a frame with no PDF417 found is tried
again on copies turned by the frame's dominant edge angles: a barcode's bars, and the card
they are printed on, are the strongest straight edges in a photo of a licence back. Decoded
contents are sensitive: they stay in memory for the detectors and are never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version

import cv2
import numpy as np

from vmscreen.analyses.cancel import checkpoint
from vmscreen.findings import Box
from vmscreen.media import Frame

SIDE = 2048  # PDF417 modules need about 2 px each: a licence back filling a tenth of a 12 MP frame
SKEW_SIDE = 512  # edge angles are measured on a small view
RETRY_COUNT = 2  # the strongest edge angles, each tried once
# A turn this small is not tried: zxing reads PDF417 skewed by 4 degrees or more without one
# (4 with 2 px modules, 6 with 4 px), and skew_angles reads 1 to 1.5 degrees under the true
# skew (its bins are a degree wide), so a code it measures at 1.5 or less was the first pass's
# to read. Natural photos' strongest edges are often level (horizons, walls): 5 of the 11 large
# photos of benchmarks.speed have one, and skipping its turn saves 25 to 45 ms of a 12 MP photo.
LEVEL = 1.5
# The two-dimensional codes; the one-dimensional ones on products and parcels hold short
# numbers and cost a third of the decoding time.
TEXT_FORMATS = ("PDF417", "QRCode", "MicroQRCode", "DataMatrix", "Aztec")
# Light-on-dark codes: QR codes on screens in dark mode. Documents print their codes dark on
# light; looking for inverted PDF417, Data Matrix and Aztec codes too made the first pass on a
# 12 MP photo's 2048 px view take 62 ms instead of 37 ms.
INVERTED_FORMATS = ("QRCode", "MicroQRCode")
DECODER = f"zxing-cpp {version('zxing-cpp')}"


@dataclass(frozen=True)
class Barcode:
    """One decoded barcode: its format's name (zxing's: "PDF417", "QRCode"...), its contents,
    and its box in the frame's full-resolution pixels."""

    format: str
    text: str
    payload: bytes
    box: Box

    def __repr__(self) -> str:  # the contents are sensitive: never in a log or a traceback
        return f"Barcode({self.format}, {len(self.payload)} bytes, {self.box.to_list()})"


def skew_angles(grey: np.ndarray, count: int = RETRY_COUNT) -> list[float]:
    """The strongest edge directions, as turns (degrees, -45..45) that would make them level.
    Rows and columns of a barcode differ by 90 degrees, so angles are taken modulo 90."""
    gx = cv2.Sobel(grey, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(grey, cv2.CV_32F, 0, 1, ksize=3)
    magnitude = cv2.magnitude(gx, gy)
    strong = magnitude > np.percentile(magnitude, 95)
    angles = np.degrees(np.arctan2(gy[strong], gx[strong])) % 90
    histogram, _ = np.histogram(angles, bins=90, range=(0, 90), weights=magnitude[strong])
    wrapped = np.r_[histogram[-2:], histogram, histogram[:2]]  # 89 and 0 degrees are neighbours
    smooth = np.convolve(wrapped, np.ones(5), "valid")
    found: list[float] = []
    for peak in np.argsort(smooth)[::-1]:
        angle = float(peak) + 0.5
        angle = angle - 90 if angle > 45 else angle
        if all(abs(angle - other) > 4 for other in found):
            found.append(angle)
        if len(found) == count:
            break
    return found


def _turn(size: tuple[int, int], angle: float) -> tuple[np.ndarray, tuple[int, int]]:
    """The affine map turning an image of ``size`` (width, height) by ``angle`` degrees
    counter-clockwise onto a canvas that holds all of it, and that canvas's size."""
    width, height = size
    cos, sin = abs(np.cos(np.radians(angle))), abs(np.sin(np.radians(angle)))
    turned = (int(np.ceil(width * cos + height * sin)), int(np.ceil(width * sin + height * cos)))
    forward = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    forward[:, 2] += ((turned[0] - width) / 2, (turned[1] - height) / 2)
    return forward, turned


def _rotated(grey: np.ndarray, angle: float) -> np.ndarray:
    forward, turned = _turn((grey.shape[1], grey.shape[0]), angle)
    return cv2.warpAffine(grey, forward, turned, flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def _corners(code: object) -> np.ndarray:
    position = code.position  # type: ignore[attr-defined]
    return np.array([(p.x, p.y) for p in (position.top_left, position.top_right,
                                          position.bottom_left, position.bottom_right)],
                    np.float64)


def _unrotated(corners: np.ndarray, angle: float, size: tuple[int, int]) -> np.ndarray:
    """Corners found in a copy turned by ``angle`` (``_rotated``) placed back in the unturned
    image of ``size`` (width, height)."""
    forward, _ = _turn(size, angle)
    inverse = cv2.invertAffineTransform(forward)
    return corners @ inverse[:, :2].T + inverse[:, 2]


def _box(corners: np.ndarray, factor: float, size: tuple[int, int]) -> Box:
    xs = np.clip(corners[:, 0], 0, size[0]) * factor
    ys = np.clip(corners[:, 1], 0, size[1]) * factor
    return Box(int(xs.min()), int(ys.min()), int(np.ceil(xs.max())), int(np.ceil(ys.max())))


def _formats(names: tuple[str, ...]) -> list[object]:
    import zxingcpp

    return [getattr(zxingcpp.BarcodeFormat, name) for name in names]


def read_barcodes(frame: Frame) -> tuple[Barcode, ...]:
    """Every two-dimensional barcode zxing-cpp decodes in the frame."""
    import zxingcpp

    grey = np.ascontiguousarray(frame.grey(SIDE))
    factor = frame.width / grey.shape[1]
    size = (grey.shape[1], grey.shape[0])
    codes = zxingcpp.read_barcodes(grey, formats=_formats(TEXT_FORMATS), try_invert=False)
    codes += zxingcpp.read_barcodes(cv2.bitwise_not(grey), formats=_formats(INVERTED_FORMATS),
                                    try_invert=False)
    found = [(code, _box(_corners(code), factor, size)) for code in codes]
    if not any(code.format == zxingcpp.BarcodeFormat.PDF417 for code, _ in found):
        for angle in skew_angles(np.asarray(frame.grey(SKEW_SIDE))):
            if abs(angle) <= LEVEL:
                continue
            checkpoint()
            copy = _rotated(grey, angle)
            turned = zxingcpp.read_barcodes(copy, formats=zxingcpp.BarcodeFormat.PDF417,
                                             try_invert=False)
            if turned:
                found += [(code, _box(_unrotated(_corners(code), angle, size), factor, size))
                          for code in turned]
                break
    return tuple(Barcode(code.format.name, code.text, bytes(code.bytes), box)
                 for code, box in found)
