"""The layout of an identity document: a card or passport page holding a portrait and text.

A document front without an MRZ may carry no wording OCR can match (an unfamiliar language, a
blurred title), yet its layout is distinctive: a rectangle of the ID-1 card shape (85.6 x 54 mm,
aspect 1.59) or of a passport data page (aspect 1.42), a portrait on one side of it, and lines of
text beside the portrait. Candidate rectangles are the whole frame (a scan or a close-up) and
the outlines of card-shaped objects in the frame (a card on a table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

import cv2
import numpy as np

from vmscreen.analyses.faces import Face
from vmscreen.analyses.ocr import Line
from vmscreen.findings import Box
from vmscreen.media import Frame

ASPECTS = (1.33, 1.80)  # passport pages (1.42) to ID-1 cards (1.59), with perspective slack
OUTLINE_VIEW = 1024
MIN_OUTLINE_SHARE = 0.04  # of the frame's area: smaller rectangles are not read as documents
MIN_RECTANGULARITY = 0.75  # hull area over its rotated rectangle's (shadows and skew lower it)
PORTRAIT_SHARE = (0.12, 0.60)  # face height over the document's short side
PORTRAIT_OFFSET = 0.12  # the face's centre is at least this far from the document's centre line
MIN_FACE_SCORE = 0.6  # YuNet's own threshold: a printed portrait often scores lower than a face
MIN_TEXT_LINES = 3  # lines of text beside the portrait
UPRIGHT_TOLERANCE = 25.0  # degrees between the face's up-down axis and the document's short side
GHOST_SHARE = 0.6  # other faces in the document (a ghost portrait) are smaller than this


@dataclass(frozen=True)
class Rectangle:
    """A rotated rectangle in full-resolution pixels, its long side along ``angle`` degrees."""

    centre: tuple[float, float]
    size: tuple[float, float]  # long, short
    angle: float

    def local(self, x: float, y: float) -> tuple[float, float]:
        """A point in the rectangle's frame, as fractions of its long and short sides from
        its centre (-0.5..0.5 inside)."""
        theta = np.deg2rad(self.angle)
        dx, dy = x - self.centre[0], y - self.centre[1]
        along = dx * np.cos(theta) + dy * np.sin(theta)
        across = -dx * np.sin(theta) + dy * np.cos(theta)
        return float(along / self.size[0]), float(across / self.size[1])

    def holds(self, x: float, y: float) -> bool:
        along, across = self.local(x, y)
        return abs(along) < 0.5 and abs(across) < 0.5

    def corners(self) -> np.ndarray:
        return cv2.boxPoints((self.centre, self.size, self.angle))


@dataclass(frozen=True)
class DocumentLayout:
    outline: Rectangle
    whole_frame: bool
    face: Face
    text_lines: int

    def box(self, width: int, height: int) -> Box:
        corners = self.outline.corners()
        x0, y0 = np.floor(corners.min(axis=0)).astype(int)
        x1, y1 = np.ceil(corners.max(axis=0)).astype(int)
        return Box(max(0, int(x0)), max(0, int(y0)), min(width, int(x1)), min(height, int(y1)))


def _from_cv(rect: tuple, factor: float) -> Rectangle:
    (cx, cy), (w, h), angle = rect
    if h > w:
        w, h, angle = h, w, angle + 90
    return Rectangle((cx * factor, cy * factor), (w * factor, h * factor), angle)


def _aspect_fits(long: float, short: float) -> bool:
    return short > 0 and ASPECTS[0] <= long / short <= ASPECTS[1]


def outlines(grey: np.ndarray, factor: float) -> list[Rectangle]:
    """Card-shaped outlines in a grey view; ``factor`` scales view pixels to full resolution."""
    edges = cv2.Canny(cv2.GaussianBlur(grey, (5, 5), 0), 40, 120)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    min_area = MIN_OUTLINE_SHARE * grey.shape[0] * grey.shape[1]
    found: list[Rectangle] = []
    # An outline is often an open ring of edge pixels: its convex hull measures what it encloses.
    hulls = sorted((cv2.convexHull(contour) for contour in contours), key=cv2.contourArea,
                   reverse=True)
    for hull in hulls[:40]:
        hull_area = cv2.contourArea(hull)
        if hull_area < min_area:
            break
        rect = cv2.minAreaRect(hull)
        (w, h) = rect[1]
        if _aspect_fits(max(w, h), min(w, h)) and hull_area / (w * h) >= MIN_RECTANGULARITY:
            found.append(_from_cv(rect, factor))
    return found


def _upright_in(face: Face, outline: Rectangle) -> bool:
    """A document portrait stands across the document: its eyes-to-mouth axis runs along the
    short side. A face standing along the long side is a person in a portrait-format photo."""
    (rx, ry), (lx, ly), _, (ma, mb), (na, nb) = face.landmarks
    down = np.degrees(np.arctan2((mb + nb - ry - ly) / 2, (ma + na - rx - lx) / 2))
    return abs(((down - outline.angle) % 180) - 90) <= UPRIGHT_TOLERANCE


def _portrait(face: Face, outline: Rectangle, faces: Sequence[Face]) -> bool:
    fx, fy = outline.local(*face.centre)
    share = max(face.width, face.height) / outline.size[1]
    if not (abs(fx) < 0.5 and abs(fy) < 0.5 and abs(fx) >= PORTRAIT_OFFSET
            and PORTRAIT_SHARE[0] <= share <= PORTRAIT_SHARE[1]
            and _upright_in(face, outline)):
        return False
    # A group of similar faces is a photo of people, not a document's single portrait.
    return not any(other is not face and other.height >= GHOST_SHARE * face.height
                   and outline.holds(*other.centre) for other in faces)


def _layout(outline: Rectangle, whole_frame: bool, faces: Sequence[Face],
            lines: Sequence[Line]) -> DocumentLayout | None:
    for face in faces:
        if not _portrait(face, outline, faces):
            continue
        fx, _ = outline.local(*face.centre)
        beside = 0
        for line in lines:
            lx, ly = outline.local((line.box.x0 + line.box.x1) / 2,
                                   (line.box.y0 + line.box.y1) / 2)
            # Inside the document, on the other side of the portrait's centre.
            if abs(lx) < 0.5 and abs(ly) < 0.5 and (lx - fx) * fx < 0 and abs(lx - fx) > 0.1:
                beside += 1
        if beside >= MIN_TEXT_LINES:
            return DocumentLayout(outline, whole_frame, face, beside)
    return None


def find_layout(width: int, height: int, grey_view: np.ndarray, faces: Sequence[Face],
                lines: Sequence[Line]) -> DocumentLayout | None:
    """A document layout in the frame or in one of the card-shaped outlines in ``grey_view``."""
    if not faces or not enough_text(lines):
        return None
    candidates: list[tuple[Rectangle, bool]] = []
    if _aspect_fits(max(width, height), min(width, height)):
        angle = 0.0 if width >= height else 90.0
        candidates.append((Rectangle((width / 2, height / 2), (max(width, height),
                                                                min(width, height)), angle), True))
    factor = width / grey_view.shape[1]
    candidates += [(outline, False) for outline in outlines(grey_view, factor)]
    for outline, whole in candidates:
        layout = _layout(outline, whole, faces, lines)
        if layout is not None:
            return layout
    return None


def enough_text(lines: Sequence[Line]) -> bool:
    """Whether a frame holds the lines a document layout needs: most photos do not, which
    spares them the face search the layout would otherwise ask for."""
    return len(lines) >= MIN_TEXT_LINES


def document_layout(frame: Frame, lines: Sequence[Line],
                    faces: Sequence[Face]) -> DocumentLayout | None:
    """The frame's document layout, from its OCR lines and its faces (those YuNet scores
    MIN_FACE_SCORE or more: a printed portrait often scores lower than a face)."""
    portraits = [face for face in faces if face.score >= MIN_FACE_SCORE]
    return find_layout(frame.width, frame.height, frame.grey(OUTLINE_VIEW), portraits, lines)


class _Centred(Protocol):
    @property
    def centre(self) -> tuple[float, float]: ...


C = TypeVar("C", bound=_Centred)


def off_document(items: Sequence[C], layout: DocumentLayout | None) -> list[C]:
    """The faces or people whose centre is not on the frame's identity document: a document's
    portrait and ghost portrait belong to the document, reported once (IDD102)."""
    if layout is None:
        return list(items)
    return [item for item in items if not layout.outline.holds(*item.centre)]
