"""Barcodes through zxing-cpp: PDF417 carrying AAMVA driving-licence data, and QR codes.

PDF417 decoding fails beyond a few degrees of skew, so a frame with no PDF417 found is tried
again on copies turned by the frame's dominant edge angles: a barcode's bars, and the card
they are printed on, are the strongest straight edges in a photo of a licence back.
Decoded contents are checked with the same rules as OCR text (card numbers, SSNs, IBANs,
MRZs) and never stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from importlib.metadata import version

import cv2
import numpy as np

from vmscreen.detectors.base import DetectorInfo, ScreenContext
from vmscreen.detectors.sensitive_id import text_findings
from vmscreen.findings import Box, Category, CodeInfo, Finding
from vmscreen.media import Media
from vmscreen.ocr import Reading, Word, group_lines

NAME = "barcodes"
SIDE = 2048  # PDF417 modules need about 2 px each: a licence back filling a tenth of a 12 MP frame
SKEW_SIDE = 512  # edge angles are measured on a small view
RETRY_COUNT = 2  # the strongest edge angles, each tried once
# The two-dimensional codes, which carry documents' data as text (licences, boarding passes,
# tickets, payment requests); the one-dimensional ones on products and parcels hold short
# numbers and cost a third of the decoding time.
TEXT_FORMATS = ("PDF417", "QRCode", "MicroQRCode", "DataMatrix", "Aztec")

LICENCE_BARCODE = CodeInfo(
    "BAR101", "licence-barcode", Category.SENSITIVE_ID,
    "A driving licence or ID card barcode (AAMVA PDF417) is readable.",
    "The back of North American driving licences and ID cards carries a PDF417 barcode with the "
    "bearer's name, address, date of birth and licence number in the AAMVA format. Any phone can "
    "read it, so a photo of it discloses the whole document. Evidence: the format only.",
)
QR_CODE = CodeInfo(
    "BAR102", "qr-code", Category.SENSITIVE_ID, "A QR code is readable.",
    "A QR code was decoded. Most are harmless (menus, links, tickets) and the default policy "
    "accepts them; its contents are checked like OCR text, and a QR code that carries a card "
    "number, an SSN or an MRZ is reported under those codes as well.",
)


def _is_aamva(payload: bytes) -> bool:
    head = payload[:64]
    return (head.startswith(b"@") and b"ANSI " in head) or b"AAMVA" in head


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


class BarcodeDetector:
    info = DetectorInfo(
        name=NAME,
        version=f"1.0.0 (zxing-cpp {version('zxing-cpp')})",
        codes=(LICENCE_BARCODE, QR_CODE),
        licence="Apache-2.0",
        cost=30,
        time_budget_s=30.0,
    )

    def detect(self, media: Media, context: ScreenContext) -> Iterable[Finding]:
        import zxingcpp

        grey = np.ascontiguousarray(media.grey(SIDE))
        factor = media.width / grey.shape[1]
        size = (grey.shape[1], grey.shape[0])
        found = [(code, _box(_corners(code), factor, size))
                 for code in zxingcpp.read_barcodes(
                     grey, formats=[getattr(zxingcpp.BarcodeFormat, f) for f in TEXT_FORMATS])]
        if not any(code.format == zxingcpp.BarcodeFormat.PDF417 for code, _ in found):
            for angle in skew_angles(np.asarray(media.grey(SKEW_SIDE))):
                copy = _rotated(grey, angle)
                turned = zxingcpp.read_barcodes(copy, formats=zxingcpp.BarcodeFormat.PDF417)
                if turned:
                    found += [(code, _box(_unrotated(_corners(code), angle, size), factor, size))
                              for code in turned]
                    break
        findings: list[Finding] = []
        for code, box in found:
            if code.format == zxingcpp.BarcodeFormat.PDF417 and _is_aamva(code.bytes):
                findings.append(LICENCE_BARCODE.finding(
                    NAME, 0.97, "an AAMVA driving-licence barcode (PDF417)", box=box,
                    evidence={"format": "PDF417", "standard": "AAMVA"}))
            elif code.format in (zxingcpp.BarcodeFormat.QRCode,
                                 zxingcpp.BarcodeFormat.MicroQRCode):
                findings.append(QR_CODE.finding(NAME, 0.3, "a QR code", box=box,
                                                evidence={"format": "QRCode"}))
            findings += self._payload(code.text, box)
        return findings

    @staticmethod
    def _payload(text: str, box: Box | None) -> list[Finding]:
        """The decoded text through the OCR rules, as if it were one line per line of text."""
        quad = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0))
        words = [Word(part, tuple((x, y + row * 2) for x, y in quad), 1.0)  # type: ignore[arg-type]
                 for row, line in enumerate(text.splitlines()) for part in line.split()]
        reading = Reading("barcode", tuple(words), tuple(group_lines(words)), 1)
        return [f if box is None else replace(f, box=box) for f in text_findings(reading)]
